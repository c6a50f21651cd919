package dev.mallory.steps.params;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KEYS of the vocabulary: {@code no keys}, or groups such as {@code the snapshot and timestamp
 * keys} and {@code 1 of the snapshot keys}. {@code the ROLE key} and {@code the ROLE keys} both
 * mean every key of the role; {@code N of the ROLE keys} the first N of them.
 */
public record KeySelection(List<Group> groups) {
  /** Keys of one role: all of them, or the first {@code count}. */
  public record Group(RoleRef role, OptionalInt count) {}

  private static final Pattern COUNTED = Pattern.compile("(\\d+) of the (" + Grammar.ROLE + ") keys");
  private static final Pattern ROLE = Pattern.compile(Grammar.ROLE);

  public KeySelection {
    groups = List.copyOf(groups);
  }

  public static KeySelection parse(String text) {
    String t = text.strip();
    if (t.equals("no keys")) {
      return new KeySelection(List.of());
    }
    List<Group> groups = new ArrayList<>();
    // Groups start with "the " or "N of the "; split before each such start that follows ", " or " and ".
    for (String part : t.split("(?:, | and )(?=the |\\d+ of the )")) {
      Matcher counted = COUNTED.matcher(part);
      if (counted.matches()) {
        groups.add(new Group(RoleRef.parse(counted.group(2)), OptionalInt.of(Integer.parseInt(counted.group(1)))));
        continue;
      }
      if (!part.startsWith("the ") || !part.matches(".* keys?")) {
        throw new IllegalArgumentException("not a key group: " + part);
      }
      String roles = part.substring("the ".length(), part.lastIndexOf(' '));
      Matcher m = ROLE.matcher(roles);
      while (m.find()) {
        groups.add(new Group(RoleRef.parse(m.group()), OptionalInt.empty()));
      }
    }
    return new KeySelection(groups);
  }

  public boolean none() {
    return groups.isEmpty();
  }

  @Override
  public String toString() {
    if (groups.isEmpty()) {
      return "no keys";
    }
    return String.join(", ", groups.stream()
        .map(g -> g.count().isPresent() ? g.count().getAsInt() + " of the " + g.role() + " keys" : "the " + g.role() + " keys")
        .toList());
  }
}
