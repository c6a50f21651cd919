Feature: World steps
  Setup, initialisation and journal-based outcome steps against an honest repository, without
  attacker steps, so their observations can be checked on their own (WorldStepsTest).

  Scenario: Threshold zero for the timestamp
    Given a repository
    And the repository has 1 timestamp key with threshold 0
    When the client refreshes
    Then the update is refused because of invalid metadata
    And the client trusts no timestamp

  Scenario: One snapshot key under two key ids with threshold two
    Given a repository
    And the repository lists the snapshot key under two key ids with threshold 2
    When the client refreshes
    Then the update is refused because of missing signatures
    And the client trusts no snapshot

  Scenario Outline: Shared keys between <roles>
    Given a repository
    And the repository signs <roles> with the same key
    When the client refreshes
    Then the update succeeds
    And the client trusts snapshot version 1
    And the client trusts timestamp version 1

    Examples:
      | roles                  |
      | timestamp and snapshot |
      | snapshot and targets   |

  Scenario: A delegation with threshold two and one key
    Given a repository
    And the repository has a delegation "app-team" for paths "app/*" with threshold 2
    And the repository has target "app/cli.tgz" containing "cli 1.0" in role "app-team"
    When the client downloads target "app/cli.tgz"
    Then the update is refused because of missing signatures
    And target "app/cli.tgz" was not written

  Scenario: A dependency the repository signed is trusted
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0" that depends on "lib.tgz"
    When the client refreshes
    Then the update succeeds
    And the client trusts no dependency of target "app.tgz" on "lib.tgz"

  Scenario: A dependency the repository did not sign is not trusted
    Given a repository
    And the repository has a delegation "apps" for paths "apps/*"
    And the repository has target "apps/app.tgz" containing "app 1.0" in role "apps" that depends on "libs/lib.tgz"
    When the client downloads target "apps/app.tgz"
    Then the update succeeds
    And the client wrote target "apps/app.tgz" containing "app 1.0"
    And the client trusts no dependency of target "apps/app.tgz" on "libs/old-openssl.tgz"

  Scenario: A refresh requests no target
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    When the client refreshes
    Then the client did not request target "app.tgz"
    And the client stored timestamp exactly as it was served
    And the client stopped reading snapshot within its length limit

  Scenario: A download requests its target
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    When the client downloads target "app.tgz"
    Then the client did not request target "app.tgz"

  Scenario: An honest download stays within its length limits
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    When the client downloads target "app.tgz"
    Then the update succeeds
    And the client stopped reading target "app.tgz" within its length limit
    And the client stopped reading timestamp within its length limit
    And the client stored snapshot exactly as it was served

  @informational
  Scenario: How long a client waits is recorded
    Given a repository
    When the client refreshes
    Then the client gave up on timestamp within 60 seconds

  Scenario: Trust on first use through the proxy
    Given a repository
    And the client is initialised by trust on first use
    And the client has refreshed
    Then the client trusts root version 1
    And the client updates normally once the attack stops

  Scenario: Trust on first use with pinned keys
    Given a repository
    And the client is initialised by trust on first use with the repository's root keys pinned
    When the client refreshes
    Then the update succeeds

  Scenario: Two mirrors
    Given a repository
    And the client uses two mirrors and the attacker runs the first
    When the client refreshes
    Then the update succeeds
