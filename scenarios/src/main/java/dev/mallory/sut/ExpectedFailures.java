package dev.mallory.sut;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scenarios a client under test is known to fail, each with the reason why: tuf-conformance's
 * {@code <entrypoint>.xfails}, made stricter. By convention the file is {@code <client>.xfails}
 * beside the client's executable.
 *
 * <p>The engine uses it strictly: a listed scenario that fails is EXPECTED_FAILURE, a listed scenario
 * that passes is UNEXPECTED_PASS (the list is out of date, or the client got better: either way a
 * human must look).
 *
 * <h2>Format</h2>
 *
 * <pre>
 * # sigstore-java never checks expiry when the timestamp version is unchanged
 * # (README of the shim, "same-version timestamp"); reported upstream.
 * Freeze: replaying the current timestamp past its expiry
 * Freeze: replaying an expired snapshot
 *
 * &#64;delegations          # sigstore-java has no delegations
 * rollback.feature:12   # one scenario by id, with its comment on the line
 * </pre>
 *
 * <ul>
 *   <li>One entry per line: a scenario id, a feature name, or a tag (starting with {@code @}). An
 *       entry matches a scenario whose id, feature name, or one of whose tags is exactly equal to it.
 *   <li>Every entry must say why: either a trailing comment ({@code entry  # why}, a {@code #}
 *       preceded by whitespace) or a comment block directly above it. A block covers the entries
 *       that follow it up to the next blank line. An entry with neither is refused, with its line
 *       number: an unexplained expected failure is how real bugs get hidden.
 *   <li>Blank lines and comment lines are otherwise ignored; an entry listed twice is refused.
 * </ul>
 */
public record ExpectedFailures(List<Entry> entries) {

  /**
   * @param key the scenario id, feature name or {@code @tag}
   * @param why the comment that explains it (trailing comment, else the block above)
   * @param line 1-based line number in the file, for messages
   */
  public record Entry(String key, String why, int line) {}

  /** A malformed expected-failures file; the message names the file and line. */
  public static final class FormatException extends IllegalArgumentException {
    public FormatException(String message) {
      super(message);
    }
  }

  public ExpectedFailures {
    entries = List.copyOf(entries);
  }

  public static ExpectedFailures none() {
    return new ExpectedFailures(List.of());
  }

  /** {@code <executable>.xfails} */
  public static Path conventionalPath(Path executable) {
    return executable.resolveSibling(executable.getFileName() + ".xfails");
  }

  /** The conventional file beside a client if it exists, else none. */
  public static ExpectedFailures forExecutable(Path executable) {
    Path file = conventionalPath(executable);
    return Files.isRegularFile(file) ? load(file) : none();
  }

  public static ExpectedFailures load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read expected failures " + file, e);
    }
  }

  /** Parses the text of a file; {@code source} names it in error messages. */
  public static ExpectedFailures parse(String text, String source) {
    List<Entry> entries = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    StringBuilder block = new StringBuilder(); // comment block in force, until a blank line
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty()) {
        block.setLength(0);
        continue;
      }
      if (line.startsWith("#")) {
        String comment = line.substring(1).strip();
        if (!comment.isEmpty()) {
          block.append(block.length() == 0 ? "" : " ").append(comment);
        }
        continue;
      }
      String key = line;
      String trailing = "";
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s#").matcher(line);
      if (m.find()) {
        key = line.substring(0, m.start()).strip();
        trailing = line.substring(m.end()).strip();
      }
      String why = !trailing.isEmpty() ? trailing : block.toString();
      if (why.isEmpty()) {
        throw new FormatException(source + ":" + lineNo + ": expected failure '" + key
            + "' does not say why it is expected to fail; add '# why' at the end of the line"
            + " or in a comment block directly above it (no blank line between)");
      }
      Integer first = seen.putIfAbsent(key, lineNo);
      if (first != null) {
        throw new FormatException(source + ":" + lineNo + ": '" + key + "' is already listed on line " + first);
      }
      entries.add(new Entry(key, why, lineNo));
    }
    return new ExpectedFailures(entries);
  }

  /**
   * The entry that marks this scenario as an expected failure, if any: the first (in file order)
   * equal to its id, its feature name, or one of its tags.
   */
  public Optional<Entry> match(String scenarioId, String featureName, Collection<String> tags) {
    for (Entry entry : entries) {
      String key = entry.key();
      if (key.equals(scenarioId) || key.equals(featureName) || tags.contains(key)) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  /** Entries that matched none of the scenarios run: stale lines a strict run should report. */
  public List<Entry> unused(Collection<Entry> matched) {
    return entries.stream().filter(e -> !matched.contains(e)).toList();
  }
}
