Feature: Attacker steps whose catalogue scenarios also need steps owned elsewhere
  The attacker steps of features/README.md, each in a scenario made only of steps that are
  implemented, so that they are tested before the length-limit, dependency and request outcome
  steps exist. Every scenario must be PROTECTED (INFORMATIONAL for "@limit") for the reference
  client.

  @endless-data @tuf-5.4.1
  Scenario Outline: An endless <role> body is cut off
    Given a repository
    When the attacker sends an endless body for <role>
    And the client refreshes
    Then the update is refused because of an oversized download
    And the client trusts no <role>
    And the client updates normally once the attack stops

    Examples:
      | role      |
      | timestamp |
      | snapshot  |
      | targets   |

  @endless-data @tuf-5.3.3
  Scenario: An endless next root is cut off
    Given a repository
    And the client has refreshed
    When the attacker sends an endless body for root
    And the client refreshes
    Then the update is refused because of an oversized download
    And the client still trusts root version 1
    And the client updates normally once the attack stops

  @endless-data @download @tuf-5.7.3
  Scenario: An endless target and a lying Content-Length are cut off
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    And the repository has target "lib.tgz" containing "lib 1.0"
    When the attacker sends an endless body for target "app.tgz"
    And the attacker announces a Content-Length of 1099511627776 bytes for target "lib.tgz" and never stops sending
    And the client downloads target "app.tgz"
    Then the update is refused because of an oversized download
    And target "app.tgz" was not written
    When the client downloads target "lib.tgz"
    Then the update is refused because of an oversized download
    And target "lib.tgz" was not written
    And the client updates normally once the attack stops

  @endless-data @tuf-5.4.1
  Scenario: Whitespace padding keeps signatures valid but not lengths
    Given a repository
    When the attacker pads timestamp with 16777216 bytes of whitespace
    And the client refreshes
    Then the update is refused because of an oversized download
    And the client trusts no timestamp
    And the client updates normally once the attack stops

  @arbitrary-installation @tuf-5.4.5
  Scenario: A little whitespace is harmless
    Given a repository
    When the attacker pads timestamp with 3 bytes of whitespace
    And the client refreshes
    Then the update succeeds
    And the client trusts timestamp version 1

  @arbitrary-installation @tuf-5.4.2
  Scenario: A genuine snapshot served as the timestamp is refused
    Given a repository
    And the client has refreshed
    And the repository publishes a new version
    When the attacker serves snapshot under the name of timestamp
    And the client refreshes
    Then the update is refused
    And the client still trusts timestamp version 1
    And the client updates normally once the attack stops

  @extraneous-dependencies @tuf-5.6.1 @tuf-5.6.2
  Scenario: A dependency added on the wire without keys is refused
    The added dependency makes the file longer than the length the snapshot lists, so a client
    that stops reading at that length reports an oversized download.
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    And the repository has target "old-openssl.tgz" containing "openssl 0.9.8"
    When the attacker serves a forged targets at version 1 that makes target "app.tgz" depend on "old-openssl.tgz"
    And the client refreshes
    Then the update is refused because of an oversized download or a length or hash mismatch
    And the client trusts no targets
    And the client updates normally once the attack stops

  @extraneous-dependencies @key-compromise @limit @tuf-5.6.3
  Scenario: A dependency added with the targets, snapshot and timestamp keys gets through
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    And the repository has target "old-openssl.tgz" containing "openssl 0.9.8"
    And the attacker has stolen the targets, snapshot and timestamp keys
    When the attacker serves a forged targets that makes target "app.tgz" depend on "old-openssl.tgz"
    And the client refreshes
    Then the attack succeeds

  @mix-and-match @key-compromise @delegations @download @tuf-5.6.1
  Scenario: A snapshot forged without a delegated role is refused
    Given a repository
    And the repository has a delegation "app-team" for paths "app/*"
    And the repository has target "app/cli.tgz" containing "cli 1.0" in role "app-team"
    And the attacker has stolen the snapshot and timestamp keys
    When the attacker serves a forged snapshot without role "app-team"
    And the client downloads target "app/cli.tgz"
    Then the update is refused
    And target "app/cli.tgz" was not written
    And the client updates normally once the attack stops

  @malicious-mirrors @download @tuf-5.7.3
  Scenario: A target cut off by a connection reset half way is not written
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0, long enough to be cut in half"
    When the attacker responds to target "app.tgz" with a connection reset
    And the client downloads target "app.tgz"
    Then the update is refused
    And target "app.tgz" was not written
    And the client updates normally once the attack stops

  @slow-retrieval @tuf-5.4.1
  Scenario: A stalled timestamp and a timestamp dripped slower than the read timeout
    Given a repository
    When the attacker stalls timestamp
    And the client refreshes
    Then the update is refused because of slow retrieval
    When the attack stops
    And the attacker drips timestamp at one byte every 12 seconds
    And the client refreshes
    Then the update is refused because of slow retrieval
    And the client trusts no timestamp
    And the client updates normally once the attack stops
