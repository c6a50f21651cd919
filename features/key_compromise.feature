Feature: Vulnerability to key compromise
  Keys get stolen: online keys live on servers, offline keys on laptops and USB
  sticks. TUF's goal is that an attacker who steals one key, or fewer keys than a
  role's threshold, still cannot compromise clients. Trust is split into roles
  with separate keys, and each stolen key buys little on its own. The timestamp,
  snapshot and targets files pin one another, so only someone holding the keys of
  all three (or a threshold of root keys) can make a client install what they
  want. Every signature check counts distinct keys up to the role's threshold
  (5.3.4, 5.4.2, 5.5.3, 5.6.3). When a theft is discovered the owner rotates the
  key: a new root, or for a delegated role new delegating metadata, lists a fresh
  key, and the stolen one stops working for every client that fetches it.

  In these scenarios the attacker is a man in the middle who also holds the
  stolen keys named. It signs with them wherever they help, and re-signs the files
  above a forged one when it holds their keys. Scenarios tagged "@limit" show what
  TUF cannot prevent; fast_forward.feature shows the recovery from a stolen
  timestamp, snapshot or targets key.

  @key-compromise @download
  Scenario Outline: A stolen <role> key alone cannot install a target
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    And the attacker has stolen the <role> key
    When the attacker serves a forged targets listing target "app.tgz" containing "malware"
    And the client downloads target "app.tgz"
    Then the update is refused
    And target "app.tgz" was not written
    And the client trusts no targets
    And the client updates normally once the attack stops

    @tuf-5.6.2
    Examples: the genuine snapshot still pins the genuine targets
      | role      |
      | timestamp |

    @tuf-5.5.2
    Examples: the re-signed snapshot no longer matches the genuine timestamp
      | role     |
      | snapshot |

    @tuf-5.6.2 @tuf-5.6.4
    Examples: the forged targets is validly signed, but the genuine snapshot pins another
      | role    |
      | targets |

  @key-compromise
  Scenario Outline: One stolen key of two cannot sign the <role> file when its threshold is two
    The attacker holds one of the two <role> keys (and, where the <role> is pinned
    by other files, the keys that re-sign those), so a single signature is all that
    stands between the forged <role> and the client.
    Given a repository
    And the repository has 2 <role> keys with threshold 2
    And the client has refreshed
    And the attacker has stolen <keys>
    When the attacker serves a forged <role>
    And the client refreshes
    Then the update is refused because of missing signatures
    And the client still trusts <role> version 1
    And the client updates normally once the attack stops

    @tuf-5.3.4
    Examples:
      | role | keys               |
      | root | 1 of the root keys |

    @tuf-5.4.2
    Examples:
      | role      | keys                    |
      | timestamp | 1 of the timestamp keys |

    @tuf-5.5.3
    Examples:
      | role     | keys                                         |
      | snapshot | 1 of the snapshot keys and the timestamp key |

    @tuf-5.6.3
    Examples:
      | role    | keys                                                      |
      | targets | 1 of the targets keys and the snapshot and timestamp keys |

  @key-compromise @download @tuf-5.6.3
  Scenario: Stolen snapshot and timestamp keys cannot install a target
    These are the online keys. The attacker re-signs the snapshot and timestamp to
    point at its forged targets, which leaves only the targets signature, made with
    a key the client does not trust, to give it away.
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    And the attacker has stolen the snapshot and timestamp keys
    When the attacker serves a forged targets listing target "app.tgz" containing "malware"
    And the client downloads target "app.tgz"
    Then the update is refused because of missing signatures
    And target "app.tgz" was not written
    And the client trusts no targets
    And the client updates normally once the attack stops

  @key-compromise @limit @download @tuf-5.6.3
  Scenario: Stolen targets, snapshot and timestamp keys install a target
    With the keys of all three roles every check passes. This is the compromise
    TUF's role separation is designed to make hard, not impossible: keep the targets
    key offline.
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    And the attacker has stolen the targets, snapshot and timestamp keys
    When the attacker serves a forged targets listing target "app.tgz" containing "malware"
    And the client downloads target "app.tgz"
    Then the attack succeeds
    And the client wrote target "app.tgz" containing "malware"

  @key-compromise @download @tuf-5.3.11 @tuf-5.4.2
  Scenario: After the owner rotates the stolen targets, snapshot and timestamp keys, metadata signed with them is refused
    The owner signs root version 2 with the offline root key, listing fresh keys
    for the three roles. The attacker passes the new root through and keeps signing
    with the old keys; the client must now refuse them.
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    And the attacker has stolen the targets, snapshot and timestamp keys
    And the repository rotates the targets, snapshot and timestamp keys
    When the attacker serves a forged targets listing target "app.tgz" containing "malware"
    And the client downloads target "app.tgz"
    Then the update is refused because of missing signatures
    And target "app.tgz" was not written
    And the client trusts root version 2
    And the client updates normally once the attack stops

  @key-compromise @freeze @limit @download @tuf-5.3.10
  Scenario: An attacker who withholds the new root keeps replaced keys working until the trusted root expires
    Rotation reaches a client only through the new root. An attacker who answers
    every root request with "not found" keeps the client on the old root, under
    which the stolen keys are still valid, until that root expires.
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    And the attacker has stolen the targets, snapshot and timestamp keys
    And the repository rotates the targets, snapshot and timestamp keys
    When the attacker responds to root with status 404
    And the attacker serves a forged targets listing target "app.tgz" containing "malware"
    And the client downloads target "app.tgz"
    Then the attack succeeds
    And the client still trusts root version 1

  @key-compromise @tuf-5.3.11 @tuf-5.4.2
  Scenario: After the owner rotates a stolen timestamp key, timestamps signed with it are refused
    A timestamp key alone cannot install anything, but it lets the attacker freeze
    and fast-forward clients. Rotation must take that power away: before it, the
    forged timestamp below would be accepted.
    Given a repository
    And the client has refreshed
    And the attacker has stolen the timestamp key
    And the repository rotates the timestamp key
    When the attacker serves a forged timestamp
    And the client refreshes
    Then the update is refused because of missing signatures
    And the client trusts root version 2
    And the client updates normally once the attack stops

  @key-compromise @limit @download @tuf-5.3.4
  Scenario: A stolen root key, when the root threshold is one, hands the attacker everything
    The attacker signs a root version 2 that gives every role to keys of its own,
    then signs whatever those keys allow. Root keys belong offline, with a
    threshold above one.
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    And the attacker has stolen the root key
    When the attacker serves a forged root
    And the attacker serves a forged targets listing target "app.tgz" containing "malware"
    And the client downloads target "app.tgz"
    Then the attack succeeds
    And the client wrote target "app.tgz" containing "malware"

  @key-compromise @limit @download @tuf-5.3.4
  Scenario: A client that has not yet seen a root rotation can still be captured with the replaced root key
    Rotating the root key protects the clients that already trust the new root. A
    client shipped with root version 1 walks the chain from there, and the attacker
    answers "2.root.json" with a root of its own, signed with the old key that root
    version 1 still trusts. Keep root thresholds above one, and ship current roots.
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    And the attacker has stolen the root key
    And the repository rotates the root key
    When the attacker serves a forged root at version 2
    And the attacker serves a forged targets listing target "app.tgz" containing "malware"
    And the client downloads target "app.tgz"
    Then the attack succeeds
    And the client wrote target "app.tgz" containing "malware"

  @key-compromise @tuf-5.3.4
  Scenario: A client that has seen the root rotation refuses roots signed with the replaced root key
    Given a repository
    And the attacker has stolen the root key
    And the repository rotates the root key
    And the client has refreshed
    When the attacker serves a forged root
    And the client refreshes
    Then the update is refused because of missing signatures
    And the client still trusts root version 2
    And the client updates normally once the attack stops

  @key-compromise @limit @delegations @download @tuf-5.6.3
  Scenario: A stolen delegated key, with the online keys, installs targets inside the delegated paths
    In a community repository the snapshot and timestamp keys sign whatever a
    developer uploads, so stealing a developer's key amounts to holding all three.
    The damage stays inside the paths delegated to that developer (see
    wrong_software.feature for the paths rule).
    Given a repository
    And the repository has a delegation "app-team" for paths "app/*"
    And the repository has target "app/cli.tgz" containing "cli 1.0" in role "app-team"
    And the attacker has stolen the role "app-team", snapshot and timestamp keys
    When the attacker serves a forged role "app-team" listing target "app/cli.tgz" containing "malware"
    And the client downloads target "app/cli.tgz"
    Then the attack succeeds
    And the client wrote target "app/cli.tgz" containing "malware"

  @key-compromise @delegations @download @tuf-5.6.3
  Scenario: After the delegator rotates a stolen delegated key, metadata signed with it is refused
    The targets role revokes the key by publishing new targets metadata that
    delegates "app-team" to a fresh key. The attacker still holds the snapshot and
    timestamp keys, yet the role's own signature now gives it away. The snapshot the
    attacker re-signed listed "app-team" at a higher version, so the client, rightly,
    takes no lower one until the owner also rotates the stolen snapshot and timestamp
    keys (5.3.11).
    Given a repository
    And the repository has a delegation "app-team" for paths "app/*"
    And the repository has target "app/cli.tgz" containing "cli 1.0" in role "app-team"
    And the attacker has stolen the role "app-team", snapshot and timestamp keys
    And the repository rotates the role "app-team" key
    When the attacker serves a forged role "app-team" listing target "app/cli.tgz" containing "malware"
    And the client downloads target "app/cli.tgz"
    Then the update is refused because of missing signatures
    And target "app/cli.tgz" was not written
    When the repository rotates the snapshot and timestamp keys
    Then the client updates normally once the attack stops
