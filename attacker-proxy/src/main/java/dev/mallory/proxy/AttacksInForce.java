package dev.mallory.proxy;

import dev.mallory.attack.Attack;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The attacks in force on one proxy, in the order applied. A request reads the list once, without a
 * lock, when it arrives (a change takes effect on the very next request); changes replace the whole
 * immutable list under this object's lock, marking what they take out as removed.
 */
final class AttacksInForce {
  private final Clock clock;
  private final AtomicInteger ids = new AtomicInteger();
  private volatile List<AppliedAttack> attacks = List.of();

  AttacksInForce(Clock clock) {
    this.clock = clock;
  }

  AppliedAttack apply(Attack attack) {
    if (attack == null) {
      throw new IllegalArgumentException("attack must not be null");
    }
    AppliedAttack applied = applied(attack);
    synchronized (this) {
      List<AppliedAttack> next = new ArrayList<>(attacks);
      next.add(applied);
      attacks = List.copyOf(next);
    }
    return applied;
  }

  private AppliedAttack applied(Attack attack) {
    return new AppliedAttack(this, attack.type() + "-" + ids.incrementAndGet(), attack, clock.instant());
  }

  synchronized List<AppliedAttack> replaceAll(List<Attack> newAttacks) {
    List<AppliedAttack> next = new ArrayList<>();
    for (Attack a : newAttacks) {
      next.add(applied(a));
    }
    attacks.forEach(AppliedAttack::markRemoved);
    attacks = List.copyOf(next);
    return attacks;
  }

  List<AppliedAttack> list() {
    return attacks;
  }

  Optional<AppliedAttack> find(String id) {
    return attacks.stream().filter(a -> a.id().equals(id)).findFirst();
  }

  synchronized boolean remove(String id) {
    List<AppliedAttack> next = new ArrayList<>(attacks);
    boolean removed = next.removeIf(a -> {
      if (a.id().equals(id)) {
        a.markRemoved();
        return true;
      }
      return false;
    });
    attacks = List.copyOf(next);
    return removed;
  }

  synchronized void clear() {
    attacks.forEach(AppliedAttack::markRemoved);
    attacks = List.of();
  }
}
