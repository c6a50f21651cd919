package dev.mallory.journal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Every exchange, newest last, in a ring buffer: a long test run cannot exhaust memory, and the
 * entries a failing scenario needs (the last few hundred) are always there.
 */
public final class Journal {
  public static final int DEFAULT_CAPACITY = 10_000;

  private final int capacity;
  private final ArrayDeque<JournalEntry> entries = new ArrayDeque<>();
  private final AtomicLong sequence = new AtomicLong();
  private long dropped;

  public Journal(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("journal capacity must be positive");
    }
    this.capacity = capacity;
  }

  /** The next sequence number; entries are numbered when the request arrives. */
  public long nextSeq() {
    return sequence.incrementAndGet();
  }

  public synchronized void add(JournalEntry entry) {
    if (entries.size() == capacity) {
      entries.removeFirst();
      dropped++;
    }
    entries.addLast(entry);
  }

  public synchronized List<JournalEntry> entries() {
    List<JournalEntry> list = new ArrayList<>(entries);
    list.sort((a, b) -> Long.compare(a.seq(), b.seq()));
    return list;
  }

  public List<JournalEntry> find(Predicate<JournalEntry> filter) {
    return entries().stream().filter(filter).toList();
  }

  /** Exchanges for metadata of this role ({@code timestamp}, {@code targets/releases}). */
  public List<JournalEntry> byRole(String role) {
    return find(e -> Objects.equals(e.request().role(), role));
  }

  /** Exchanges an applied attack changed, by the id {@code apply} returned. */
  public List<JournalEntry> byAttack(String attackId) {
    return find(e -> Objects.equals(e.attackId(), attackId));
  }

  /** Exchanges changed by any attack of this type ({@code rollback}). */
  public List<JournalEntry> byAttackType(String type) {
    return find(e -> Objects.equals(e.attackType(), type));
  }

  public synchronized int size() {
    return entries.size();
  }

  /** Entries pushed out of the ring buffer since the start. */
  public synchronized long dropped() {
    return dropped;
  }

  public synchronized void clear() {
    entries.clear();
  }
}
