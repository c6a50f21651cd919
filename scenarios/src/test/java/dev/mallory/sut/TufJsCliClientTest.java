package dev.mallory.sut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CliClient driving the real tuf-js 5.0.1 through its shim. Needs {@code npm ci} in scenarios/clients/tuf-js. */
class TufJsCliClientTest extends ConformanceClientContract {
  private static ClientFactory factory;

  @BeforeAll
  static void start() {
    ClientsOptions options = ClientsOptions.defaults();
    assumeTrue(exists(options.clientsDir().resolve("tuf-js/node_modules/tuf-js")), "run npm ci in scenarios/clients/tuf-js");
    factory = Clients.fromSpec("tuf-js", options);
  }

  @AfterAll
  static void stop() {
    if (factory != null) {
      factory.close();
    }
  }

  @Override
  ClientFactory factory() {
    return factory;
  }

  @Test
  void theDescriptorSaysWhatTufJsSupports() {
    assertThat(factory.name()).isEqualTo("tuf-js");
    assertThat(factory.capabilities()).containsExactlyInAnyOrder(
        Capability.TUF_LAYOUT, Capability.DELEGATIONS, Capability.NO_CONSISTENT_SNAPSHOT, Capability.DOWNLOAD,
        Capability.REFERENCE_TIME); // its shim fixes the clock from --reference-time / FAKETIME
  }
}
