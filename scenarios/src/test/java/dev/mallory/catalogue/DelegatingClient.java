package dev.mallory.catalogue;

import dev.mallory.sut.Capability;
import dev.mallory.sut.ClientOutcome;
import dev.mallory.sut.ClientSetup;
import dev.mallory.sut.ClientUnderTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A client under test that hands every call to another; a test control overrides what it changes. */
abstract class DelegatingClient implements ClientUnderTest {
  protected final ClientUnderTest delegate;

  DelegatingClient(ClientUnderTest delegate) {
    this.delegate = delegate;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Set<Capability> capabilities() {
    return delegate.capabilities();
  }

  @Override
  public ClientOutcome init(ClientSetup setup) {
    return delegate.init(setup);
  }

  @Override
  public ClientOutcome refresh() {
    return delegate.refresh();
  }

  @Override
  public ClientOutcome download(List<String> targetPaths) {
    return delegate.download(targetPaths);
  }

  @Override
  public Map<String, Long> trustedVersions() {
    return delegate.trustedVersions();
  }

  @Override
  public Optional<byte[]> downloadedTarget(String targetPath) {
    return delegate.downloadedTarget(targetPath);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
