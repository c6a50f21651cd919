package dev.mallory.proxy;

import dev.mallory.attack.AttackContext;
import dev.mallory.attack.KeyStore;
import dev.mallory.classify.Classifier;
import dev.mallory.journal.Recorder;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;

/** What one applied attack sees while deciding one exchange. */
final class ProxyAttackContext implements AttackContext {
  private final AttackerProxy proxy;
  private final Origin origin;
  private final AppliedAttack applied;

  ProxyAttackContext(AttackerProxy proxy, Origin origin, AppliedAttack applied) {
    this.proxy = proxy;
    this.origin = origin;
    this.applied = applied;
  }

  @Override
  public Recorder recorder() {
    return proxy.recorder();
  }

  @Override
  public KeyStore keys() {
    return proxy.keys();
  }

  @Override
  public Clock clock() {
    return proxy.clock();
  }

  @Override
  public Optional<byte[]> fetch(String path) {
    // Reverse mode: the path may belong to another upstream than the exchange's (a path route).
    Origin origin = proxy.isForward() ? this.origin : proxy.reverseOrigin(path);
    UpstreamGet.Answer answer;
    try {
      answer = UpstreamGet.get(proxy, origin, path);
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
    if (answer.status() != 200) {
      return Optional.empty();
    }
    proxy.recorder().record(Classifier.classify("GET", path), answer.body());
    return Optional.of(answer.body());
  }

  @Override
  public ConcurrentMap<String, Object> state() {
    return applied.state();
  }
}
