@trust-on-first-use
Feature: Trust on first use
  Every TUF guarantee starts from the root the client already trusts. The spec
  requires clients to ship with trusted root keys obtained out of band (2.1.1,
  5.2). Many installations take a shortcut instead: the client downloads its first
  root over the very network it is about to distrust. This is "trust on first
  use", the default of the notary client. A man in the middle present at that
  first contact hands over a root of its own making and owns the client from then
  on, since every later check is made with the attacker's keys. An attacker who
  arrives later achieves nothing, because the client then verifies every new root
  against the one it holds. Pinning the expected root keys (notary's
  "trust_pinning") closes the gap at first contact. The attacker here needs no key
  at all.

  @arbitrary-installation @limit @download @tuf-5.2
  Scenario: An attacker present at the first contact installs a root of its own
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    When the attacker serves a forged root
    And the attacker serves a forged targets listing target "app.tgz" containing "malware"
    And the client is initialised by trust on first use
    And the client downloads target "app.tgz"
    Then the attack succeeds
    And the client wrote target "app.tgz" containing "malware"

  @arbitrary-installation @download @tuf-2.1.1 @tuf-5.3.4
  Scenario: The same attacker is refused by a client that ships with the repository's root
    The client asks for root version 2 and gets the attacker's root, which no key of
    the root it shipped with has signed.
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    And the client is initialised with the repository's root
    When the attacker serves a forged root
    And the attacker serves a forged targets listing target "app.tgz" containing "malware"
    And the client downloads target "app.tgz"
    Then the update is refused because of missing signatures
    And the client still trusts root version 1
    And target "app.tgz" was not written
    And the client updates normally once the attack stops

  @arbitrary-installation @download @tuf-5.3.4
  Scenario: An attacker who arrives after the first contact is refused
    Trust on first use is weak only once. After the first root, a client that
    started this way checks new roots like any other client.
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    And the client is initialised by trust on first use
    And the client has refreshed
    When the attacker serves a forged root
    And the attacker serves a forged targets listing target "app.tgz" containing "malware"
    And the client downloads target "app.tgz"
    Then the update is refused because of missing signatures
    And target "app.tgz" was not written
    And the client updates normally once the attack stops

  @arbitrary-installation @download @tuf-5.2
  Scenario: Trust on first use with the root keys pinned refuses a root of the attacker's making
    The client still fetches its first root over the network, but accepts it only if
    it is signed by root keys configured in advance, as notary's "trust_pinning"
    does. A client that cannot pin keys does not apply.
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    When the attacker serves a forged root
    And the attacker serves a forged targets listing target "app.tgz" containing "malware"
    And the client is initialised by trust on first use with the repository's root keys pinned
    And the client downloads target "app.tgz"
    Then the update is refused because of missing signatures
    And target "app.tgz" was not written
    And the client updates normally once the attack stops
