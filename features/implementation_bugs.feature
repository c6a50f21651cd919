@implementation-bug
Feature: Implementation bugs that real TUF clients shipped
  The other features follow the attacks the specification names. The scenarios
  here follow how real clients nevertheless fell to them: each one reproduces a
  class of published advisory (CVE or GHSA identifiers in its text) in
  python-tuf, go-tuf, tough, rust-tuf, php-tuf or tuf-js. Few were cryptographic
  mistakes. Most were counting, naming and bookkeeping errors: a signature counted
  twice, a threshold of zero, a role or target name used as a file path, a
  snapshot accepted where a timestamp was expected, a delegated role verified
  with the wrong delegator's keys or spared the checks top-level roles get, a
  hash algorithm the client did not know treated as a match, metadata stored
  differently from how it was verified. Each scenario is also tagged with the
  attack class the bug opens the door to.

  @key-compromise @tuf-4.2 @tuf-5.5.3
  Scenario: A signature listed twice counts once toward the threshold
    CVE-2020-6174 (python-tuf), CVE-2020-15093 (tough), rust-tuf #283, php-tuf
    #154 and tiup #235 all counted a repeated signature again. The snapshot needs
    two of its two keys; the attacker holds one and lists its signature twice.
    Given a repository
    And the repository has 2 snapshot keys with threshold 2
    And the client has refreshed
    And the attacker has stolen 1 of the snapshot keys and the timestamp key
    When the attacker serves a forged snapshot
    And the attacker lists each signature on snapshot twice
    And the client refreshes
    Then the update is refused because of missing signatures or invalid metadata
    And the client still trusts snapshot version 1
    And the client updates normally once the attack stops

  @key-compromise @tuf-4.2 @tuf-5.3.4
  Scenario: A signature listed twice counts once toward the root threshold
    Roots are verified by code of their own in most clients, against the threshold
    of the trusted root and of the new one. The same duplication must fail there
    too.
    Given a repository
    And the repository has 2 root keys with threshold 2
    And the client has refreshed
    And the attacker has stolen 1 of the root keys
    When the attacker serves a forged root
    And the attacker lists each signature on root twice
    And the client refreshes
    Then the update is refused because of missing signatures or invalid metadata
    And the client still trusts root version 1
    And the client updates normally once the attack stops

  @key-compromise @tuf-4.3 @tuf-5.5.3
  Scenario: One key listed under two key ids counts once toward a threshold of two
    go-tuf counted the same public key once per key id (GHSA-3633-5h82-39pq, and
    again for duplicate key records in 2026, PR #733). Here the repository's own
    root lists the snapshot key under two key ids with threshold 2, which is no
    safer than threshold 1. A correct client refuses every snapshot signed by that
    one key, genuine or forged, so this scenario has no recovery step.
    Given a repository
    And the repository lists the snapshot key under two key ids with threshold 2
    And the attacker has stolen the snapshot and timestamp keys
    When the attacker serves a forged snapshot
    And the client refreshes
    Then the update is refused
    And the client trusts no snapshot

  @arbitrary-installation @delegations @download @tuf-layout @tuf-4.5
  Scenario: A delegation with threshold 0 is invalid, not a role anyone may sign
    go-tuf before 2.3.1 read threshold 0 as "no signature needed"
    (CVE-2026-23992). Every threshold must be at least 1, so the metadata carrying
    such a delegation must be rejected. The repository is misconfigured and a
    correct client cannot use it, so there is no recovery step.
    Given a repository
    And the repository lists only versions in timestamp and snapshot meta
    And the repository has a delegation "app-team" for paths "app/*" with threshold 0
    And the repository has target "app/cli.tgz" containing "cli 1.0" in role "app-team"
    When the attacker serves a forged role "app-team" at version 1 listing target "app/cli.tgz" containing "malware"
    And the client downloads target "app/cli.tgz"
    Then the update is refused because of invalid metadata or missing signatures
    And target "app/cli.tgz" was not written

  @arbitrary-installation @tuf-4.3
  Scenario: A root that gives the timestamp role threshold 0 is invalid
    The same rule for a top-level role: a root with a zero threshold must be
    refused, even if that only shows when the client first uses it.
    Given a repository
    And the repository has 1 timestamp key with threshold 0
    When the attacker serves a forged timestamp
    And the client refreshes
    Then the update is refused because of invalid metadata
    And the client trusts no timestamp

  @arbitrary-installation @download @tuf-5.7.3
  Scenario Outline: A target named "<name>" is not written outside the client's target directory
    Target names are chosen by whoever signs targets metadata: a delegated
    developer, or anyone who stole such a key. Whatever the name says, the client
    must keep the file inside its target directory (tough CVE-2026-6968). Refusing
    the name and encoding it are both fine.
    Given a repository
    And the repository has target "<name>" containing "escaped"
    When the client downloads target "<name>"
    Then nothing was written outside the client's directories

    Examples:
      | name                    |
      | ../../escape.txt        |
      | app/../../../escape.txt |

  @arbitrary-installation @delegations @download @tuf-5.6.1
  Scenario: A delegated role named "../../escape" is not stored outside the client's metadata directory
    python-tuf before 0.19 joined role names onto its metadata directory
    (CVE-2021-41131); tuf-js (#783) and php-tuf (#359) had to start encoding them
    too. The name is legal in TUF and the repository serves it, so the client must
    encode it in URLs and file names.
    Given a repository
    And the repository has a delegation "../../escape" for paths "app/*"
    And the repository has target "app/cli.tgz" containing "cli 1.0" in role "../../escape"
    When the client downloads target "app/cli.tgz"
    Then nothing was written outside the client's directories

  @arbitrary-installation @tuf-layout
  Scenario Outline: A genuine <served> served as the <expected> is refused because of its type
    If two roles share a key, a file signed for one role carries a valid
    signature for the other, and only its "_type" field tells them apart
    (tuf-conformance test_incorrect_metadata_type).
    Given a repository
    And the repository signs <shared> with the same key
    And the repository lists only versions in timestamp and snapshot meta
    And the client has refreshed
    And the repository publishes a new version
    When the attacker serves <served> under the name of <expected>
    And the client refreshes
    Then the update is refused because of a wrong metadata type
    And the client still trusts <expected> version 1
    And the client updates normally once the attack stops

    @tuf-5.4.2
    Examples:
      | served   | expected  | shared                 |
      | snapshot | timestamp | timestamp and snapshot |

    @tuf-5.5.3
    Examples:
      | served    | expected | shared                 |
      | timestamp | snapshot | timestamp and snapshot |

    @tuf-5.6.3
    Examples:
      | served   | expected | shared               |
      | snapshot | targets  | snapshot and targets |

  @wrong-software @delegations @download @tuf-5.6.7
  Scenario: A role reached through a second delegator is verified with that delegator's keys
    "team-a" and "team-b" both delegate to a role named "release", each with its
    own key for it; "release" is signed only with team-a's. Through team-b it is
    therefore unsigned. A client that verifies "release" once, via team-a, and
    reuses it when team-b's path leads there installs "b/tool.tgz", which team-b's
    key never approved (python-tuf #2977, go-tuf #759, sigstore-rust #173).
    Given a repository
    And the repository has a delegation "team-a" for paths "a/*"
    And the repository has a delegation "team-b" for paths "b/*"
    And the repository has a delegation "release" from role "team-a" for paths "a/*"
    And the repository has a delegation "release" from role "team-b" for paths "b/*" under a different key
    And the repository has target "a/app.tgz" containing "app 1.0" in role "release"
    And the repository has target "b/tool.tgz" containing "tool from team-a's signer" in role "release"
    When the client downloads targets "a/app.tgz" and "b/tool.tgz"
    Then the update is refused
    And target "b/tool.tgz" was not written

  @rollback @key-compromise @delegations @download @tuf-5.5.5
  Scenario: Rollback checks cover delegated roles, not only targets
    go-tuf before 0.3.0 (CVE-2022-29173) and rust-tuf (#294, #295) compared
    versions for some roles only. The attacker holds the online keys and lists
    "app-team" at its old version 1 in a fresh snapshot.
    Given a repository
    And the repository has a delegation "app-team" for paths "app/*"
    And the repository has target "app/cli.tgz" containing "cli 1.0" in role "app-team"
    And the repository publishes target "app/cli.tgz" containing "cli 1.1" in role "app-team"
    And the client has downloaded target "app/cli.tgz"
    And the attacker has stolen the snapshot and timestamp keys
    When the attacker replays role "app-team" version 1
    And the client downloads target "app/cli.tgz"
    Then the update is refused because of a rollback
    And target "app/cli.tgz" was not written
    And the client still trusts role "app-team" version 2
    And the client updates normally once the attack stops

  @freeze @key-compromise @delegations @download @tuf-5.6.5
  Scenario: Delegated metadata is checked for expiry like top-level metadata
    tough before 0.22.0 skipped the expiry, hash and length checks for delegated
    roles (CVE-2026-6967). The attacker holds the online keys and freezes
    "app-team" at a version that expired ten days ago.
    Given a repository published 100 days ago
    And the repository has a delegation "app-team" for paths "app/*"
    And the repository has target "app/cli.tgz" containing "cli 1.0" in role "app-team"
    And the repository publishes a new version of role "app-team"
    And the repository publishes a new version
    And the attacker has stolen the snapshot and timestamp keys
    When the attacker replays role "app-team" version 1
    And the client downloads target "app/cli.tgz"
    Then the update is refused because of expired metadata
    And target "app/cli.tgz" was not written
    And the client updates normally once the attack stops

  @mix-and-match @key-compromise @delegations @download @tuf-5.6.1
  Scenario: A delegated role missing from the snapshot is never fetched
    The snapshot is what pins a role's version, so a role it does not list must not
    be downloaded at all. go-tuf crashed at this point (PR #652).
    Given a repository
    And the repository has a delegation "app-team" for paths "app/*"
    And the repository has target "app/cli.tgz" containing "cli 1.0" in role "app-team"
    And the attacker has stolen the snapshot and timestamp keys
    When the attacker serves a forged snapshot without role "app-team"
    And the client downloads target "app/cli.tgz"
    Then the update is refused
    And the client did not request role "app-team"
    And target "app/cli.tgz" was not written
    And the client updates normally once the attack stops

  @arbitrary-installation @download @tuf-5.7.3
  Scenario: A target listed only with a hash algorithm the client does not know is refused
    If the only hash listed is one the client cannot compute, the client has no way
    to check the file and must refuse it rather than skip the check (tuf-conformance
    test_download_with_unknown_hash_algorithm). The replacement has the right length,
    so only the hash could give it away. No correct client can download this target
    from this repository, so there is no recovery step.
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0" hashed only with "unknown-hash"
    When the attacker replaces target "app.tgz" with "malware"
    And the client downloads target "app.tgz"
    Then the update is refused because of a length or hash mismatch
    And target "app.tgz" was not written

  @arbitrary-installation @tuf-5.4.5
  Scenario: Metadata is stored exactly as it was received and verified
    The client must persist the bytes it verified, not a re-serialisation of them
    (tuf-conformance test_metadata_bytes_match). The attacker appends harmless
    whitespace to the genuine timestamp: still valid, but no longer what a client
    that re-serialises would write.
    Given a repository
    When the attacker pads timestamp with 3 bytes of whitespace
    And the client refreshes
    Then the update succeeds
    And the client stored timestamp exactly as it was served

  @endless-data @delegations @download @tuf-5.6.7.1
  Scenario: A delegation cycle does not trap the client
    "ring-a" delegates to "ring-b", which delegates back to "ring-a". Roles already
    visited are skipped and the number of roles visited is capped, so that no
    delegation graph can make the client "waste excessive bandwidth or time".
    Given a repository
    And the repository has a delegation "ring-a" for paths "*"
    And the repository has a delegation "ring-b" from role "ring-a" for paths "*"
    And the repository has a delegation "ring-a" from role "ring-b" for paths "*"
    When the client downloads target "missing.tgz"
    Then the update is refused because of target not found
