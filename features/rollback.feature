Feature: Rollback attacks
  A rollback attack tricks a client into going back to software, or to metadata,
  older than what it already knew to be available: the attacker wants a version
  with a known hole installed again. No key is needed. Every file the repository
  ever published carries a valid signature, so a man in the middle or a mirror
  keeps old copies and serves them later. Signatures cannot stop this; the version
  rules of the client workflow must. A new root must be exactly version N+1
  (5.3.5). A new timestamp may not be older than the trusted one (5.4.3.1), nor
  list an older snapshot (5.4.3.2). A new snapshot may neither lower the version of
  any targets role it listed before nor drop one (5.5.5). The trusted copies stay
  the reference even after they have expired.

  Older snapshot or targets files served next to the current timestamp are caught
  earlier, by the versions and hashes that pin them (see mix_and_match.feature);
  the scenarios here give the attacker the online keys where that is what it takes
  to reach the rollback check itself.

  @rollback @tuf-5.4.3.1
  Scenario: A replayed older timestamp is refused
    Given a repository
    And the repository publishes a new version
    And the client has refreshed
    When the attacker replays timestamp version 1
    And the client refreshes
    Then the update is refused because of a rollback
    And the client still trusts timestamp version 2
    And the client updates normally once the attack stops

  @rollback @tuf-5.4.3.1 @waits
  Scenario: A replayed older timestamp is refused even after the trusted timestamp has expired
    Timestamp version 3 is short-lived and expires while the client holds it; the
    replayed version 2 was signed to last a day and is still valid. A client that
    throws expired metadata away forgets what it has seen and takes the older copy.
    Given a repository
    And the repository publishes a new version
    And the repository's timestamp metadata expires after 20 seconds
    And the repository publishes a new version
    And the client has refreshed
    And time passes until timestamp version 3 has expired
    When the attacker replays timestamp version 2
    And the client refreshes
    Then the update is refused because of a rollback
    And the client still trusts timestamp version 3
    And the client updates normally once the attack stops

  @rollback @tuf-5.3.5 @tuf-layout
  Scenario: An older root served as the next root version is refused
    The client asks for "3.root.json" and the attacker answers with the genuine root
    version 1. It is signed by the keys the client trusts; only its version number
    shows that it is not the root the client asked for.
    Given a repository
    And the repository publishes a new version of root
    And the client has refreshed
    And the repository publishes a new version of root
    When the attacker replays root version 1
    And the client refreshes
    Then the update is refused because of a rollback
    And the client still trusts root version 2
    And the client updates normally once the attack stops

  @rollback @key-compromise @tuf-5.4.3.2
  Scenario: A timestamp signed with a stolen key cannot point the client back at an older snapshot
    With the timestamp key the attacker signs a fresh timestamp, version 3, that
    lists snapshot version 1. The signature is good, but the snapshot version inside
    the timestamp went down from 2 to 1, and that alone must make the client refuse
    the new timestamp. A client that only notices later, when the old snapshot
    arrives, has already stored the forged timestamp.
    Given a repository
    And the repository publishes a new version
    And the client has refreshed
    And the attacker has stolen the timestamp key
    When the attacker replays snapshot version 1
    And the client refreshes
    Then the update is refused because of a rollback
    And the client still trusts timestamp version 2
    And the client still trusts snapshot version 2
    And the client updates normally once the attack stops

  @rollback @key-compromise @download @tuf-5.5.5
  Scenario: An older targets listing an older release is refused even with stolen snapshot and timestamp keys
    With the online keys the attacker signs a fresh snapshot and timestamp that list
    targets version 1, which offers "app 1.0" again. The client already trusts a
    snapshot that listed targets version 2, and versions may only go up.
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    And the repository publishes target "app.tgz" containing "app 2.0"
    And the client has downloaded target "app.tgz"
    And the attacker has stolen the snapshot and timestamp keys
    When the attacker replays targets version 1
    And the client downloads target "app.tgz"
    Then the update is refused because of a rollback
    And target "app.tgz" was not written
    And the client still trusts snapshot version 2
    And the client still trusts targets version 2
    And the client updates normally once the attack stops

  @rollback @key-compromise @delegations @tuf-5.5.5
  Scenario: A snapshot that drops a delegated role the client knew is refused
    Once a role has left the snapshot, nothing records which version of it the client
    last saw, and the attacker could later bring it back at any version, starting
    from 1. So a role listed in the trusted snapshot must stay listed.
    Given a repository
    And the repository has a delegation "app-team" for paths "app/*"
    And the client has refreshed
    And the attacker has stolen the snapshot and timestamp keys
    When the attacker serves a forged snapshot without role "app-team"
    And the client refreshes
    Then the update is refused because of a rollback
    And the client still trusts snapshot version 1
    And the client updates normally once the attack stops

  @rollback @download @tuf-5.7.3
  Scenario: An older release of a target is refused against the current targets metadata
    The attacker kept the bytes of the genuine release 1.0 and serves them where
    release 2.0 is asked for. They were once signed for; now the targets metadata
    pins the hash of 2.0.
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    And the repository publishes target "app.tgz" containing "app 2.0"
    When the attacker replaces target "app.tgz" with "app 1.0"
    And the client downloads target "app.tgz"
    Then the update is refused because of a length or hash mismatch
    And target "app.tgz" was not written
    And the client updates normally once the attack stops
