package dev.mallory.client;

import dev.mallory.client.errors.TufClientException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The mirrors of one repository, tried in the order given. TUF's goal is that one malicious or
 * broken mirror cannot prevent updates from good ones (the mirrors of 4.7 in TUF 1.0; "malicious
 * mirrors preventing updates" among the attacks of 1.5.2): a file counts as downloaded from a
 * mirror only once its bytes passed every check of the workflow step that asked for it, and a
 * mirror that failed that step (an HTTP error, a timeout, endless or slow data, a bad signature, a
 * rollback, a wrong hash) is skipped for that file and the next mirror is tried. A failed attempt
 * changes nothing trusted: each step's rules accept or refuse a file as a whole.
 *
 * <p>When every mirror fails, the first mirror's error is thrown with the others attached as
 * suppressed exceptions, so a client with one mirror behaves exactly as it would without this class.
 */
final class Mirrors {
  /** One copy of the repository: where its metadata is and where its target files are (may be null). */
  record Mirror(RemoteLayout layout, URI targetBaseUrl) {}

  private final List<Mirror> mirrors;

  Mirrors(List<Mirror> mirrors) {
    if (mirrors.isEmpty()) {
      throw new IllegalArgumentException("a repository needs at least one mirror");
    }
    var dialect = mirrors.get(0).layout().dialect();
    if (mirrors.stream().anyMatch(m -> m.layout().dialect() != dialect)) {
      throw new IllegalArgumentException("every mirror must speak " + dialect);
    }
    this.mirrors = List.copyOf(mirrors);
  }

  Mirror primary() {
    return mirrors.get(0);
  }

  List<Mirror> all() {
    return mirrors;
  }

  /** The first mirror whose attempt passes; all failing: the first mirror's error. */
  <T> T first(Function<Mirror, T> attempt) {
    TufClientException failure = null;
    for (Mirror mirror : mirrors) {
      try {
        return attempt.apply(mirror);
      } catch (TufClientException e) {
        failure = keep(failure, e);
      }
    }
    throw failure;
  }

  /**
   * As {@link #first}, for a file that may legitimately not exist (5.3.3: the next root version).
   * Empty when no mirror gave a valid file and at least one mirror said it does not exist; a
   * mirror claiming "not found" is believed only when no other mirror has a valid copy.
   */
  <T> Optional<T> firstFound(Function<Mirror, T> attempt, Predicate<TufClientException> notFound) {
    TufClientException failure = null;
    boolean someoneSaidNotFound = false;
    for (Mirror mirror : mirrors) {
      try {
        return Optional.of(attempt.apply(mirror));
      } catch (TufClientException e) {
        if (notFound.test(e)) {
          someoneSaidNotFound = true;
        } else {
          failure = keep(failure, e);
        }
      }
    }
    if (someoneSaidNotFound) {
      return Optional.empty();
    }
    throw failure;
  }

  private static TufClientException keep(TufClientException first, TufClientException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }
}
