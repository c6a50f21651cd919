package dev.mallory.proxy;

import dev.mallory.attack.Attack;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An attack in force on a proxy. Closing it removes the attack; the next request is decided without
 * it (requests already being answered finish as decided).
 */
public final class AppliedAttack implements AutoCloseable {
  private final AttacksInForce inForce;
  private final String id;
  private final Attack attack;
  private final Instant appliedAt;
  private final ConcurrentMap<String, Object> state = new ConcurrentHashMap<>();
  private volatile boolean removed;

  AppliedAttack(AttacksInForce inForce, String id, Attack attack, Instant appliedAt) {
    this.inForce = inForce;
    this.id = id;
    this.attack = attack;
    this.appliedAt = appliedAt;
  }

  /** The id journal entries carry ({@code rollback-1}) and {@code DELETE /attacks/{id}} takes. */
  public String id() {
    return id;
  }

  public Attack attack() {
    return attack;
  }

  public Instant appliedAt() {
    return appliedAt;
  }

  public boolean isActive() {
    return !removed;
  }

  ConcurrentMap<String, Object> state() {
    return state;
  }

  void markRemoved() {
    removed = true;
  }

  @Override
  public void close() {
    inForce.remove(id);
  }

  @Override
  public String toString() {
    return id + " " + attack;
  }
}
