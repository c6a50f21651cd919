package dev.mallory.proxy;

import dev.mallory.journal.Moment;
import dev.mallory.journal.Recording;
import java.util.List;

/**
 * The result of "capture the repository now": the moment it was stored under, and what was fetched.
 *
 * @param moment the named moment; a freeze or mix-and-match at its label replays these files
 * @param files every file fetched and recorded, in fetch order (one already recorded earlier is
 *     that recording)
 * @param missing paths a parent listed (or root versions below the current one) that upstream
 *     answered 404 for
 */
public record Capture(Moment moment, List<Recording> files, List<String> missing) {
  public Capture {
    files = List.copyOf(files);
    missing = List.copyOf(missing);
  }
}
