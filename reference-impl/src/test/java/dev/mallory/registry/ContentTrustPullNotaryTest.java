package dev.mallory.registry;

import dev.mallory.dialect.Dialect;

/** Tags signed through the Notary API of the reference server, GUN {@code <registry-host>/<name>}. */
class ContentTrustPullNotaryTest extends ContentTrustPullContract {
  @Override
  Dialect dialect() {
    return Dialect.NOTARY;
  }
}
