package dev.mallory.registry;

import dev.mallory.dialect.Dialect;

/** Tags signed in the TUF 1.0 layout of the reference server. */
class ContentTrustPullTufTest extends ContentTrustPullContract {
  @Override
  Dialect dialect() {
    return Dialect.TUF_1_0;
  }
}
