package dev.mallory.client;

import dev.mallory.client.errors.SlowRetrievalException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches one download from outside the reading thread and refuses it when it breaks the minimum
 * speed or the whole-download deadline. A per-read timeout alone cannot do this: a peer that sends
 * a byte just before every timeout, or drips its response headers (which no body read sees), keeps
 * a blocking reader waiting forever.
 *
 * <p>Windows of the minimum speed follow each other from the start: at the end of each, the bytes
 * that arrived during it are compared with the minimum. One shared daemon thread judges every
 * download in the JVM; it only compares counters. A refusal is noticed by the reading thread at
 * its next read (whose timeout is at most one window), and the connection is closed from another
 * thread meanwhile, which ends a wait for response headers at once (closing during a body read
 * waits for that read: {@code HttpURLConnection} holds the stream's lock while reading).
 */
final class TransferWatch implements AutoCloseable {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private enum Done { FINISHED }

  private final String url;
  private final MinimumSpeed minimum;
  private final Runnable abort;
  private final AtomicLong received = new AtomicLong();
  /** null while running; then {@link Done#FINISHED} or the exception that aborted the transfer. */
  private final AtomicReference<Object> state = new AtomicReference<>();
  private volatile ScheduledFuture<?> windowCheck;
  private final ScheduledFuture<?> deadlineCheck;
  private volatile boolean closed;

  /**
   * Starts watching now.
   *
   * @param deadline the whole download's bound; {@link Duration#ZERO} for none
   * @param abort closes the connection (a wait for response headers then fails at once)
   */
  TransferWatch(String url, MinimumSpeed minimum, Duration deadline, Runnable abort) {
    this.url = url;
    this.minimum = minimum;
    this.abort = abort;
    if (minimum.enabled()) {
      scheduleWindow(0, System.nanoTime());
    }
    this.deadlineCheck = deadline.isZero() ? null
        : TIMER.schedule(() -> trip(new SlowRetrievalException(url, deadline, null)), deadline.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Body bytes that arrived (called by the reading thread after each chunk). */
  void received(int count) {
    received.addAndGet(count);
  }

  /**
   * The transfer ended (the body was read completely): no later window judges it. Empty if it
   * finished first, else the refusal that tripped at the same moment.
   */
  Optional<SlowRetrievalException> finish() {
    if (state.compareAndSet(null, Done.FINISHED)) {
      return Optional.empty();
    }
    return tripped();
  }

  /** Throws the refusal, if the watch has refused the transfer (called by the reading thread). */
  void check() {
    Optional<SlowRetrievalException> refusal = tripped();
    if (refusal.isPresent()) {
      throw refusal.get();
    }
  }

  /** The refusal that aborted the transfer, if one did: a failed read after it is its consequence. */
  Optional<SlowRetrievalException> tripped() {
    return state.get() instanceof SlowRetrievalException e ? Optional.of(e) : Optional.empty();
  }

  @Override
  public void close() {
    closed = true;
    state.compareAndSet(null, Done.FINISHED);
    ScheduledFuture<?> w = windowCheck;
    if (w != null) {
      w.cancel(false);
    }
    if (deadlineCheck != null) {
      deadlineCheck.cancel(false);
    }
  }

  private void scheduleWindow(long bytesAtStart, long startNanos) {
    windowCheck = TIMER.schedule(() -> judgeWindow(bytesAtStart, startNanos), minimum.window().toNanos(), TimeUnit.NANOSECONDS);
  }

  private void judgeWindow(long bytesAtStart, long startNanos) {
    if (state.get() != null) {
      return;
    }
    long now = System.nanoTime();
    long total = received.get();
    long during = total - bytesAtStart;
    if (during < minimum.bytes()) {
      trip(new SlowRetrievalException(url, new SlowRetrievalException.TooSlow(
          during, Duration.ofNanos(now - startNanos), minimum.bytes(), minimum.window())));
    } else {
      scheduleWindow(total, now);
    }
  }

  private void trip(SlowRetrievalException refusal) {
    if (state.compareAndSet(null, refusal)) {
      // Not on the timer: closing may wait for a read in progress, and the timer serves every download.
      Thread aborter = new Thread(this::abortUntilClosed, "mallory-download-abort");
      aborter.setDaemon(true);
      aborter.start();
    }
  }

  /**
   * Closes the connection, again every 100 ms until the reading thread has noticed the refusal and
   * closed this watch: closing a connection that is still being opened does nothing.
   */
  private void abortUntilClosed() {
    while (!closed) {
      try {
        abort.run();
      } catch (RuntimeException raceWithTheReadingThread) {
        // HttpURLConnection is not thread-safe: the reading thread may be closing it too. It has
        // noticed the refusal then, or will at its next read.
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "mallory-download-watch");
      thread.setDaemon(true);
      return thread;
    });
    t.setRemoveOnCancelPolicy(true);
    return t;
  }
}
