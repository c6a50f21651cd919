Feature: Indefinite freeze attacks
  In a freeze attack the attacker keeps showing the client the same outdated
  metadata, so the client never learns that updates exist, a security fix for
  instance. No key is needed: the old files are validly signed. TUF bounds the
  damage with expiry dates. Every metadata file carries an "expires" time, and the
  client compares it with the time its update started (5.1) for the final root
  (5.3.10), the timestamp (5.4.4), the snapshot (5.5.6) and targets (5.6.5). The
  timestamp is re-signed often with a short expiry, so a keyless freeze is noticed
  within about a day. An attacker holding online keys can re-sign the files above
  the one it freezes, and the freeze then lasts until the first file it cannot
  re-sign expires. Before that, a freeze cannot be told apart from a quiet day;
  the last scenario shows that limit.

  Clients under test cannot be given a fake clock, so these scenarios move the
  repository's clock instead: "a repository published 8 days ago" signed its
  first version 8 days in the past, so its short-lived metadata has expired by
  now. Default lifetimes are 1 day for the timestamp, 7 days for the snapshot,
  90 days for targets and delegated roles, and 365 days for the root.

  @freeze
  Scenario Outline: A frozen <role> file is refused once it has expired, even when the attacker holds <keys>
    The repository has moved on to version 2. The attacker serves the client the
    expired <role> of version 1 and, using whatever keys it holds, re-signs fresh
    copies of the files above it so that they point at the frozen one.
    Given a repository published <days> days ago
    And the repository publishes a new version
    And the attacker has stolen <keys>
    When the attacker replays <role> version 1
    And the client refreshes
    Then the update is refused because of expired metadata
    And the client trusts no <role>
    And the client updates normally once the attack stops

    @tuf-5.4.4
    Examples: without a key, the freeze lasts until the timestamp expires
      | role      | days | keys    |
      | timestamp | 2    | no keys |

    @tuf-5.5.6
    Examples: with the timestamp key, until the snapshot expires
      | role     | days | keys              |
      | snapshot | 8    | the timestamp key |

    @tuf-5.6.5
    Examples: with the timestamp and snapshot keys, until targets expire
      | role    | days | keys                            |
      | targets | 91   | the timestamp and snapshot keys |

  @freeze @tuf-5.3.10
  Scenario: A client kept on its old root by withheld root versions stops once that root has expired
    Whoever controls what the client receives can withhold new root files and keep
    the client on an old root, with its old keys. The spec accepts this and bounds
    it only by the expiry of the root the client holds.
    Given a repository published 400 days ago
    And the repository publishes a new version of root
    And the repository publishes a new version
    When the attacker responds to root with status 404
    And the client refreshes
    Then the update is refused because of expired metadata
    And the client still trusts root version 1
    And the client updates normally once the attack stops

  @freeze @tuf-5.4.4 @waits
  Scenario: A timestamp frozen at the version the client already trusts is refused once it expires
    A new timestamp with the same version as the trusted one is not an error: the
    client may stop there (5.4.3.1). It must still notice that the timestamp it
    keeps relying on has expired. A client that stops without looking lets the
    attacker replay the client's own timestamp forever.
    Given a repository
    And the repository's timestamp metadata expires after 20 seconds
    And the client has refreshed
    And the repository publishes a new version
    When the attacker serves the repository as recorded at version 1
    And time passes until timestamp version 1 has expired
    And the client refreshes
    Then the update is refused because of expired metadata
    And the client still trusts timestamp version 1
    And the client updates normally once the attack stops

  @freeze @limit @tuf-5.4.3.1
  Scenario: A stale mirror hides a new release until the timestamp expires
    Until the replayed timestamp expires, a frozen client cannot tell a freeze from
    a day without releases: an unchanged timestamp is normal. This is the window
    TUF accepts, and the reason timestamps are short-lived.
    Given a repository
    And the client has refreshed
    And the repository publishes a new version
    When the attacker serves the repository as recorded at version 1
    And the client refreshes
    Then the attack succeeds
    And the client still trusts timestamp version 1
