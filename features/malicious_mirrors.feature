Feature: Malicious mirrors preventing updates
  Repositories are often served through mirrors run by third parties, and in 2008
  the authors of the first TUF paper had a mirror of their own accepted by all
  five Linux distributions they tried. A malicious or broken mirror, like a man in
  the middle, can answer with errors, garbage, stale copies or endless data. TUF's
  goal is that one mirror cannot prevent updates from good mirrors: a client that
  knows several mirrors tries the next one when a download from the first fails
  (the mirrors metadata, 4.7). And whatever a mirror does, a failed update must
  leave the client able to update again, keeping nothing unverified (the note that
  opens the client workflow, section 5); the spec also requires that the framework
  notice when it cannot update (2.2). Scenarios tagged "@mirrors" need a client
  that can be given more than one mirror; the others apply to every client.

  @malicious-mirrors @tuf-5 @tuf-2.2
  Scenario Outline: A mirror that answers <file> with <response> leaves the client able to update
    The client must report that it could not update, keep what it trusted before,
    and store nothing it received from the mirror.
    Given a repository
    And the client has refreshed
    And the repository publishes a new version
    When the attacker responds to <file> with <response>
    And the client refreshes
    Then the update is refused
    And the client still trusts targets version 1
    And the client updates normally once the attack stops

    Examples:
      | file      | response           |
      | timestamp | status 404         |
      | timestamp | an empty body      |
      | snapshot  | status 500         |
      | snapshot  | malformed JSON     |
      | targets   | a connection reset |

  @malicious-mirrors @download @tuf-5 @tuf-5.7.3
  Scenario: A mirror that cuts a target download halfway leaves no partial file behind
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0, long enough to be cut in half"
    When the attacker responds to target "app.tgz" with a connection reset
    And the client downloads target "app.tgz"
    Then the update is refused
    And target "app.tgz" was not written
    And the client updates normally once the attack stops

  @malicious-mirrors @mirrors @download @tuf-4.7
  Scenario Outline: A first mirror that <misbehaves> does not stop the client updating from the second
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    And the client uses two mirrors and the attacker runs the first
    When the attacker <attack>
    And the client downloads target "app.tgz"
    Then the update succeeds despite the attack
    And the client wrote target "app.tgz" containing "app 1.0"

    Examples:
      | misbehaves                    | attack                                   |
      | fails every timestamp request | responds to timestamp with status 503    |
      | sends endless data            | sends an endless body for snapshot       |
      | serves a malicious target     | replaces target "app.tgz" with "malware" |

  @malicious-mirrors @freeze @mirrors @download @tuf-4.7 @tuf-5.4.4
  Scenario: A first mirror that serves an expired copy does not stop the client updating from the second
    Given a repository published 2 days ago
    And the repository has target "app.tgz" containing "app 1.0"
    And the repository publishes target "app.tgz" containing "app 1.1"
    And the client uses two mirrors and the attacker runs the first
    When the attacker serves the repository as recorded at version 1
    And the client downloads target "app.tgz"
    Then the update succeeds despite the attack
    And the client wrote target "app.tgz" containing "app 1.1"
