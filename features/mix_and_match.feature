Feature: Mix-and-match attacks
  In a mix-and-match attack the attacker combines metadata files that were each
  validly signed but never existed together on the repository, for instance this
  week's timestamp with last month's targets, to bring back one old package while
  everything else looks current. A man in the middle can try it with no key, from
  copies it kept. TUF makes each file pin the next one down. The timestamp lists
  the snapshot's version, and usually its length and hashes. The snapshot lists
  every targets role the same way. The client checks each downloaded file against
  that listing before trusting it: 5.5.2 and 5.5.4 for the snapshot, 5.6.2 and
  5.6.4 for targets and delegated roles. Consistent snapshots (files named by
  version) let a repository publish while clients read without those clients ever
  mixing two releases. Only an attacker holding the snapshot and timestamp keys
  can sign a mix, and even then only a client with no newer state is fooled.

  @mix-and-match
  Scenario Outline: A <role> file from an older release is refused because the file above it pins the current one (meta lists <listing>)
    Given a repository
    And the repository lists <listing> in timestamp and snapshot meta
    And the repository has target "app.tgz" containing "app 1.0"
    And the client has refreshed
    And the repository publishes target "app.tgz" containing "app 1.1"
    When the attacker serves <role> from version 1 with the rest current
    And the client refreshes
    Then the update is refused because of <reason>
    And the client still trusts <role> version 1
    And the client updates normally once the attack stops

    @tuf-5.5.2 @tuf-5.6.2
    Examples: the hashes in the listing catch the swap
      | role     | listing                      | reason                    |
      | snapshot | versions, lengths and hashes | a length or hash mismatch |
      | targets  | versions, lengths and hashes | a length or hash mismatch |

    @tuf-5.5.4 @tuf-5.6.4 @tuf-layout
    Examples: without hashes, the version in the listing catches it
      | role     | listing       | reason             |
      | snapshot | only versions | a version mismatch |
      | targets  | only versions | a version mismatch |

  @mix-and-match @delegations @download @tuf-5.6.2
  Scenario: A delegated role from an older release is refused because the snapshot pins the current one
    Given a repository
    And the repository has a delegation "app-team" for paths "app/*"
    And the repository has target "app/cli.tgz" containing "cli 1.0" in role "app-team"
    And the client has downloaded target "app/cli.tgz"
    And the repository publishes target "app/cli.tgz" containing "cli 1.1" in role "app-team"
    When the attacker serves role "app-team" from version 1 with the rest current
    And the client downloads target "app/cli.tgz"
    Then the update is refused because of a length or hash mismatch
    And target "app/cli.tgz" was not written
    And the client still trusts role "app-team" version 1
    And the client updates normally once the attack stops

  @mix-and-match @no-consistent-snapshot @tuf-layout @tuf-5.6.4
  Scenario: Without consistent snapshots, targets caught in the middle of a publication are refused
    Without consistent snapshots every release overwrites "targets.json" in place,
    so the request no longer names the version the client expects. A client that
    reads while the repository publishes, or a mirror that synced half a release,
    sees the new snapshot next to the old targets; the version the snapshot lists
    must catch it.
    Given a repository
    And the repository does not use consistent snapshots
    And the repository lists only versions in timestamp and snapshot meta
    And the client has refreshed
    And the repository publishes a new version
    When the attacker serves targets from version 1 with the rest current
    And the client refreshes
    Then the update is refused because of a version mismatch
    And the client still trusts targets version 1
    And the client updates normally once the attack stops

  @mix-and-match @key-compromise @limit @download @tuf-5.6.4
  Scenario: With the snapshot and timestamp keys an attacker can mix releases for a client that has no state yet
    The snapshot and timestamp keys are online keys, the easiest to steal. With them
    the attacker signs a snapshot that lists the old targets, and a new client has
    nothing older to compare with. A client that already trusts the newer release
    is protected by its rollback checks (see rollback.feature).
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    And the repository publishes target "app.tgz" containing "app 1.1"
    And the attacker has stolen the snapshot and timestamp keys
    When the attacker replays targets version 1
    And the client downloads target "app.tgz"
    Then the attack succeeds
    And the client wrote target "app.tgz" containing "app 1.0"

  @mix-and-match @key-compromise @tuf-5.3.11 @tuf-5.4.2
  Scenario: A timestamp signed with a key that the new root replaced is refused
    Once a new root replaces the timestamp key, the client must forget its trusted
    timestamp and snapshot (5.3.11) and accept only timestamps signed with the new
    key. The attacker pairs the new root with the old timestamp, a combination that
    never existed on the repository. A client that kept its old timestamp sees
    "same version, nothing new" and silently goes on trusting metadata vouched for
    by a key that has been replaced.
    Given a repository
    And the client has refreshed
    And the repository rotates the timestamp key
    When the attacker replays timestamp version 1
    And the client refreshes
    Then the update is refused because of missing signatures
    And the client trusts root version 2
    And the client updates normally once the attack stops
