package dev.mallory.steps.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded burst of GET requests on loopback: {@code requests} in all, {@code parallel} at a
 * time, stopped at the deadline. Counts answers by status and failures (no response) for the
 * evidence.
 */
final class Burst {
  private static final List<String> NAMES = List.of("timestamp.json", "root.json", "snapshot.json", "targets.json");

  record Result(int requested, int sent, Map<Integer, Integer> byStatus, int failures, String firstFailure, Duration took,
      boolean finishedInTime) {
    int answered200() {
      return byStatus.getOrDefault(200, 0);
    }

    String describe() {
      return sent + " of " + requested + " requests sent in " + took.toMillis() + " ms (" + (finishedInTime ? "within" : "NOT within")
          + " the deadline); statuses " + byStatus + "; " + failures + " without a response"
          + (firstFailure.isEmpty() ? "" : " (first: " + firstFailure + ")");
    }
  }

  private Burst() {}

  /** Requests for one repository's metadata, its top-level roles in turn. */
  static Result metadata(URI server, String gun, int requests, int parallel, Duration deadline) {
    return run(server, i -> "/v2/" + gun + "/_trust/tuf/" + NAMES.get(i % NAMES.size()), requests, parallel, deadline);
  }

  /** @param paths the path of request {@code i} */
  static Result run(URI server, java.util.function.IntFunction<String> paths, int requests, int parallel, Duration deadline) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    StringBuilder firstFailure = new StringBuilder();
    long begin = System.nanoTime();
    long end = begin + deadline.toNanos();
    for (int i = 0; i < requests; i++) {
      String path = paths.apply(i);
      pool.execute(() -> {
        if (System.nanoTime() > end) {
          return;
        }
        sent.incrementAndGet();
        try {
          HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(server + path)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.discarding());
          statuses.computeIfAbsent(r.statusCode(), k -> new LongAdder()).increment();
        } catch (Exception e) {
          if (failures.getAndIncrement() == 0) {
            synchronized (firstFailure) {
              firstFailure.append("GET ").append(path).append(": ").append(e.getClass().getSimpleName()).append(' ').append(e.getMessage());
            }
          }
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
        }
      });
    }
    pool.shutdown();
    boolean inTime;
    try {
      inTime = pool.awaitTermination(Math.max(1, (end - System.nanoTime()) / 1_000_000) + 15_000, TimeUnit.MILLISECONDS)
          && System.nanoTime() <= end;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      inTime = false;
    }
    pool.shutdownNow();
    Map<Integer, Integer> byStatus = new TreeMap<>();
    statuses.forEach((k, v) -> byStatus.put(k, v.intValue()));
    return new Result(requests, sent.get(), byStatus, failures.get(), firstFailure.toString(),
        Duration.ofNanos(System.nanoTime() - begin), inTime && sent.get() == requests);
  }
}
