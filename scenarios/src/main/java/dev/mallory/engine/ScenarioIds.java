package dev.mallory.engine;

import java.net.URI;
import java.util.Locale;

/** Stable, readable scenario ids: {@code <feature>:<slug of the title>}. */
public final class ScenarioIds {
  private ScenarioIds() {}

  public static String featureName(URI featureUri) {
    String path = featureUri.getPath() != null ? featureUri.getPath() : featureUri.toString();
    String file = path.substring(path.lastIndexOf('/') + 1);
    return file.endsWith(".feature") ? file.substring(0, file.length() - ".feature".length()) : file;
  }

  public static String of(URI featureUri, String title) {
    return featureName(featureUri) + ":" + slug(title);
  }

  public static String slug(String title) {
    String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return slug.replaceAll("^-+|-+$", "");
  }
}
