Feature: Fast-forward attacks
  In a fast-forward attack the attacker makes the client trust a version number
  far above the real one, say 2147483647. Every genuine update afterwards has a
  lower number and looks like a rollback, so the client refuses it: it is locked
  out for good. This needs a stolen key, because the inflated file must be validly
  signed: the timestamp key to inflate the timestamp, the snapshot key as well for
  the snapshot, the targets key as well for targets. A client cannot tell a
  validly signed number from a real one, so TUF does not prevent the attack; it
  makes the lockout recoverable. When the owner rotates the stolen keys, the new
  root tells the client to delete its trusted timestamp and snapshot (5.3.11), and
  with them the inflated numbers it was comparing against. Each scenario shows the
  lockout, then the recovery.

  @fast-forward @key-compromise
  Scenario Outline: A <role> file fast-forwarded with stolen keys is undone when the owner rotates them
    Given a repository
    And the client has refreshed
    And the attacker has stolen <keys>
    And the attacker serves a forged <role> at version 2147483647
    And the client has refreshed
    And the attack stops
    And the repository publishes a new version
    When the client refreshes
    Then the update is refused because of a rollback
    When the repository rotates <keys>
    Then the client updates normally once the attack stops

    @tuf-5.3.11 @tuf-5.4.3.1
    Examples: the genuine timestamp now looks older than the trusted one
      | role      | keys              |
      | timestamp | the timestamp key |

    @tuf-5.3.11 @tuf-5.4.3.2
    Examples: the genuine timestamp now lists an older snapshot than the trusted one did
      | role     | keys                            |
      | snapshot | the snapshot and timestamp keys |

    @tuf-5.3.11 @tuf-5.5.5
    Examples: the genuine snapshot now lists an older targets than the trusted one did
      | role    | keys                                     |
      | targets | the targets, snapshot and timestamp keys |

  @fast-forward @key-compromise @delegations @download @tuf-5.3.11 @tuf-5.5.5
  Scenario: A delegated role fast-forwarded with stolen keys is undone when the owner rotates them
    The delegated role's version is recorded in the snapshot like that of targets,
    so the same lockout and the same recovery apply; clients that keep delegated
    roles out of these rules get one without the other.
    Given a repository
    And the repository has a delegation "app-team" for paths "app/*"
    And the repository has target "app/cli.tgz" containing "cli 1.0" in role "app-team"
    And the client has downloaded target "app/cli.tgz"
    And the attacker has stolen the role "app-team", snapshot and timestamp keys
    And the attacker serves a forged role "app-team" at version 2147483647
    And the client has downloaded target "app/cli.tgz"
    And the attack stops
    And the repository publishes target "app/cli.tgz" containing "cli 1.1" in role "app-team"
    When the client downloads target "app/cli.tgz"
    Then the update is refused because of a rollback
    And target "app/cli.tgz" was not written
    When the repository rotates the role "app-team", snapshot and timestamp keys
    Then the client updates normally once the attack stops
