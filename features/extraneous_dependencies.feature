Feature: Extraneous dependencies attacks
  In an extraneous dependencies attack the attacker leaves the package the user
  asked for alone and edits its dependency list instead, so that installing
  "app.tgz" also pulls in "old-openssl.tgz": a genuine, signed, but vulnerable
  package. In 2008 YUM and urpmi signed packages but not the metadata used to
  resolve dependencies, so a mirror could do exactly this. With TUF, dependency
  information belongs in the signed targets metadata: the "custom" data of a
  target entry, here a "dependencies" list. It is pinned by the snapshot and
  timestamp like everything else (5.6.2, 5.6.3), and a role can only describe the
  targets delegated to it (4.5). The client under test need not resolve
  dependencies itself. The engine checks the dependency list that the client
  would hand to its application, as found in the metadata the client trusts.

  @extraneous-dependencies
  Scenario Outline: A dependency added on the wire is refused (meta lists <listing>)
    Given a repository
    And the repository lists <listing> in timestamp and snapshot meta
    And the repository has target "app.tgz" containing "app 1.0" that depends on "lib.tgz"
    And the repository has target "lib.tgz" containing "lib 1.0"
    And the repository has target "old-openssl.tgz" containing "openssl 0.9.8"
    When the attacker serves a forged targets at version 1 that makes target "app.tgz" depend on "old-openssl.tgz"
    And the client refreshes
    Then the update is refused because of <reason>
    And the client trusts no dependency of target "app.tgz" on "old-openssl.tgz"
    And the client updates normally once the attack stops

    @tuf-5.6.2
    Examples: the hash in the snapshot catches the edit
      | listing                      | reason                                             |
      | versions, lengths and hashes | an oversized download or a length or hash mismatch |

    @tuf-5.6.3 @tuf-layout
    Examples: without hashes, the signature catches it
      | listing       | reason             |
      | only versions | missing signatures |

  @extraneous-dependencies @key-compromise @limit @tuf-5.6.3
  Scenario: Stolen targets, snapshot and timestamp keys can add a dependency
    Dependencies are exactly as well protected as the targets they describe. With
    the keys of all three roles, the attacker signs a new dependency list.
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0" that depends on "lib.tgz"
    And the repository has target "lib.tgz" containing "lib 1.0"
    And the repository has target "old-openssl.tgz" containing "openssl 0.9.8"
    And the attacker has stolen the targets, snapshot and timestamp keys
    When the attacker serves a forged targets that makes target "app.tgz" depend on "old-openssl.tgz"
    And the client refreshes
    Then the attack succeeds

  @extraneous-dependencies @key-compromise @delegations @download @tuf-4.5 @tuf-5.6.7
  Scenario: A stolen key of one delegated role cannot add dependencies to another role's target
    "apps" owns "apps/*" and says that "apps/app.tgz" depends on "libs/lib.tgz".
    The attacker holds the key of "libs" (and the online keys) and has "libs" carry
    its own entry for "apps/app.tgz" with an extra dependency. Only "apps" speaks for
    "apps/app.tgz"; the forged entry must never be used.
    Given a repository
    And the repository has a delegation "apps" for paths "apps/*"
    And the repository has a delegation "libs" for paths "libs/*"
    And the repository has target "apps/app.tgz" containing "app 1.0" in role "apps" that depends on "libs/lib.tgz"
    And the repository has target "libs/lib.tgz" containing "lib 1.0" in role "libs"
    And the repository has target "libs/old-openssl.tgz" containing "openssl 0.9.8" in role "libs"
    And the attacker has stolen the role "libs", snapshot and timestamp keys
    When the attacker serves a forged role "libs" that makes target "apps/app.tgz" depend on "libs/old-openssl.tgz"
    And the client downloads target "apps/app.tgz"
    Then the update succeeds
    And the client wrote target "apps/app.tgz" containing "app 1.0"
    And the client trusts no dependency of target "apps/app.tgz" on "libs/old-openssl.tgz"
