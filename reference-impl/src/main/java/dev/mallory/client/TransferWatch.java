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
 * Watches one download from outside the reading thread and aborts it (by closing its connection)
 * when it breaks the minimum speed or the whole-download deadline. A per-read timeout alone cannot
 * do this: a peer that sends a byte just before every timeout, or drips its response headers
 * (which no body read sees), keeps a blocking reader waiting forever.
 *
 * <p>Windows of the minimum speed follow each other from the start: at the end of each, the bytes
 * that arrived during it are compared with the minimum. One shared daemon thread serves every
 * download in the JVM; it only compares counters and closes sockets.
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
  private volatile ScheduledFuture<?> reAbort;
  private volatile boolean closed;

  /**
   * Starts watching now.
   *
   * @param deadline the whole download's bound; {@link Duration#ZERO} for none
   * @param abort closes the connection, so that a blocked read or header wait fails at once
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
    ScheduledFuture<?> r = reAbort;
    if (r != null) {
      r.cancel(false);
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
      abort.run();
      // Closing a connection that is still being opened does nothing: close it again until the
      // reading thread has noticed (it then closes this watch).
      ScheduledFuture<?> again = TIMER.scheduleWithFixedDelay(abort, 100, 100, TimeUnit.MILLISECONDS);
      reAbort = again;
      if (closed) { // close() ran meanwhile and may not have seen it
        again.cancel(false);
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
