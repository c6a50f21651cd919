package dev.mallory.sut;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.json.Json;
import dev.mallory.json.MalformedJsonException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads what a client trusts from its metadata directory, as tuf-conformance does: every
 * {@code *.json} there is trusted metadata, named by its file ({@code root.json}; delegated roles
 * percent-encoded, {@code a%2Fb.json}), and its version is {@code signed.version}.
 *
 * <p>Lenient on purpose: clients store metadata their own way (sigstore-java re-serialises it), and
 * all a verdict needs is the version. A file that is not JSON, or has no integer
 * {@code signed.version}, is not trusted metadata; it is left out and noted, so the evidence shows
 * the client left something odd behind rather than silently ignoring it.
 *
 * @param versions role name to version
 * @param notes one line per file that could not be read as metadata
 */
public record TrustedMetadataDir(Map<String, Long> versions, List<String> notes) {

  /** Larger than any metadata a client should keep (the spec's biggest default cap is 5 MB). */
  private static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

  public TrustedMetadataDir {
    versions = Map.copyOf(versions);
    notes = List.copyOf(notes);
  }

  public static TrustedMetadataDir read(Path metadataDir) {
    Map<String, Long> versions = new TreeMap<>();
    List<String> notes = new ArrayList<>();
    if (!Files.isDirectory(metadataDir)) {
      return new TrustedMetadataDir(versions, notes);
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(metadataDir, "*.json")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        String role = URLDecoder.decode(name.substring(0, name.length() - ".json".length()), StandardCharsets.UTF_8);
        try {
          if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE_BYTES) {
            notes.add(name + ": not a regular file of at most " + MAX_FILE_BYTES + " bytes; not counted as trusted");
            continue;
          }
          JsonNode version = Json.parse(Files.readAllBytes(file)).path("signed").path("version");
          if (!version.canConvertToExactIntegral() || !version.canConvertToLong() || version.asLong() < 1) {
            notes.add(name + ": no integer signed.version; not counted as trusted");
            continue;
          }
          versions.put(role, version.asLong());
        } catch (MalformedJsonException e) {
          notes.add(name + ": not JSON (" + e.getMessage() + "); not counted as trusted");
        } catch (IOException e) {
          notes.add(name + ": unreadable (" + e.getMessage() + "); not counted as trusted");
        }
      }
    } catch (IOException e) {
      notes.add(metadataDir + ": cannot list (" + e.getMessage() + ")");
    }
    return new TrustedMetadataDir(versions, notes);
  }
}
