package dev.mallory.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Shows a long run's progress: {@code [12/64] 00:07 rollback: A replayed older timestamp is refused}
 * (cells done / total, elapsed, current scenario).
 *
 * <p>On a terminal it keeps one line up to date, and prints a lasting line only for a cell whose
 * verdict is not as expected, so the bad news stays on screen. Anywhere else (CI logs, pipes) it
 * prints one line per finished cell with its system and verdict, because carriage returns turn
 * logs into noise.
 */
public final class Progress implements AutoCloseable {
  private static final String CLEAR_TO_END = "\u001b[K";

  private final PrintStream out;
  private final boolean tty;
  private final int total;
  private final LongSupplier nanos;
  private final int width;
  private final long start;
  private int done;
  private boolean lineOpen;

  /** To standard output; a terminal when the JVM has a console. */
  public static Progress toTerminal(int total) {
    return new Progress(System.out, System.console() != null, total, System::nanoTime, columns());
  }

  /**
   * @param total how many cells (scenario × system) the run will produce
   * @param nanos the clock, {@code System::nanoTime} outside tests
   * @param width the terminal's width; lines are cut to fit so they refresh in place
   */
  public Progress(PrintStream out, boolean tty, int total, LongSupplier nanos, int width) {
    this.out = out;
    this.tty = tty;
    this.total = total;
    this.nanos = nanos;
    this.width = Math.max(20, width);
    this.start = nanos.getAsLong();
  }

  /** A scenario starts on a system: the terminal line shows it as current. */
  public synchronized void started(String feature, String title) {
    if (tty) {
      refresh(line(feature, title));
    }
  }

  /** A cell is done. */
  public synchronized void finished(ScenarioResult r) {
    done++;
    String line = line(r.feature(), r.title()) + " [" + r.system() + ": " + r.verdict().label() + "]";
    if (!tty) {
      out.println(line);
    } else if (!r.verdict().asExpected()) {
      refresh(fit(line));
      out.println();
      lineOpen = false;
    } else {
      refresh(line(r.feature(), r.title()));
    }
    out.flush();
  }

  /** Ends the refreshing line so what follows starts on a fresh one. */
  @Override
  public synchronized void close() {
    if (tty && lineOpen) {
      out.println();
      lineOpen = false;
    }
    out.flush();
  }

  private String line(String feature, String title) {
    return "[" + done + "/" + total + "] " + Durations.clock(Duration.ofNanos(nanos.getAsLong() - start)) + " "
        + feature + ": " + Text.firstLine(title, 500);
  }

  private void refresh(String line) {
    out.print("\r" + fit(line) + CLEAR_TO_END);
    out.flush();
    lineOpen = true;
  }

  private String fit(String line) {
    return line.length() < width ? line : line.substring(0, width - 2) + "…";
  }

  private static int columns() {
    try {
      return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100").trim());
    } catch (NumberFormatException e) {
      return 100;
    }
  }
}
