Feature: Endless data attacks
  In an endless data attack the attacker answers a request with far more data
  than the file should hold, or with a stream that never ends, to fill the
  client's memory or disk or to hang it. No key is needed, only a place on the
  network or a mirror. In 2008 all ten package managers studied fell for it. TUF
  gives every download a ceiling before the first byte is read. The root (5.3.3)
  and the timestamp (5.4.1) are capped by fixed client limits, the snapshot by the
  length the timestamp lists (5.5.1), targets and delegated roles by the length
  the snapshot lists (5.6.1), and a target file by the length in its signed
  targets entry (5.7.3). Where no length is listed the client's own maximum
  applies; python-tuf, go-tuf and tuf-js use 512000 bytes for a root, 16384 for
  the timestamp, 2000000 for the snapshot and 5000000 for targets. The client must
  stop reading at the ceiling and refuse the file. The attacker can still deny
  the update, but cannot exhaust the client.

  @endless-data
  Scenario Outline: An endless <role> file is cut off at its length limit
    Given a repository
    When the attacker sends an endless body for <role>
    And the client refreshes
    Then the update is refused because of an oversized download
    And the client stopped reading <role> within its length limit
    And the client updates normally once the attack stops

    @tuf-5.3.3
    Examples: the next root version is capped by the client's fixed limit
      | role |
      | root |

    @tuf-5.4.1
    Examples: the timestamp is capped by the client's fixed limit
      | role      |
      | timestamp |

    @tuf-5.5.1
    Examples: the snapshot is capped by the length the timestamp lists
      | role     |
      | snapshot |

    @tuf-5.6.1
    Examples: targets are capped by the length the snapshot lists
      | role    |
      | targets |

  @endless-data @tuf-layout
  Scenario Outline: An endless <role> file with no listed length is cut off at the client's own maximum
    Given a repository
    And the repository lists only versions in timestamp and snapshot meta
    When the attacker sends an endless body for <role>
    And the client refreshes
    Then the update is refused because of an oversized download
    And the client stopped reading <role> within its length limit
    And the client updates normally once the attack stops

    @tuf-5.5.1
    Examples:
      | role     |
      | snapshot |

    @tuf-5.6.1
    Examples:
      | role    |
      | targets |

  @endless-data @delegations @download @tuf-5.6.1
  Scenario: An endless delegated role is cut off at the length the snapshot lists
    Given a repository
    And the repository has a delegation "app-team" for paths "app/*"
    And the repository has target "app/cli.tgz" containing "cli 1.0" in role "app-team"
    When the attacker sends an endless body for role "app-team"
    And the client downloads target "app/cli.tgz"
    Then the update is refused because of an oversized download
    And the client stopped reading role "app-team" within its length limit
    And target "app/cli.tgz" was not written
    And the client updates normally once the attack stops

  @endless-data @download @target-fetch @tuf-5.7.3
  Scenario: An endless target is cut off at the length its targets entry lists
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    When the attacker sends an endless body for target "app.tgz"
    And the client downloads target "app.tgz"
    Then the update is refused because of an oversized download
    And the client stopped reading target "app.tgz" within its length limit
    And target "app.tgz" was not written
    And the client updates normally once the attack stops

  @endless-data @download @target-fetch @tuf-5.7.3
  Scenario: A huge Content-Length announced for a target does not raise its length limit
    The attacker announces a tebibyte in the Content-Length header and keeps
    sending. A client that sizes a buffer from the header, or believes the header
    over the signed length, is exhausted before any check runs.
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    When the attacker announces a Content-Length of 1099511627776 bytes for target "app.tgz" and never stops sending
    And the client downloads target "app.tgz"
    Then the update is refused because of an oversized download
    And the client stopped reading target "app.tgz" within its length limit
    And target "app.tgz" was not written
    And the client updates normally once the attack stops

  @endless-data @tuf-5.4.1
  Scenario: A timestamp padded beyond the fixed limit is refused although its signature is valid
    Whitespace after the JSON does not change the signed content, so the padded
    timestamp still verifies. The limit is there to stop reading, not to judge the
    content: a timestamp larger than the limit must be refused however good it
    looks.
    Given a repository
    When the attacker pads timestamp with 16777216 bytes of whitespace
    And the client refreshes
    Then the update is refused because of an oversized download
    And the client stopped reading timestamp within its length limit
    And the client trusts no timestamp
    And the client updates normally once the attack stops

  @endless-data @tuf-5.5.1 @tuf-5.5.2
  Scenario: A snapshot one byte longer than the length the timestamp lists is refused
    The timestamp lists the snapshot's exact length; one byte more is already
    more than the client may read, although the signature is still valid.
    Given a repository
    When the attacker pads snapshot with 1 byte of whitespace
    And the client refreshes
    Then the update is refused because of an oversized download or a length or hash mismatch
    And the client trusts no snapshot
    And the client updates normally once the attack stops

  @endless-data @tuf-5.4.1
  Scenario: A timestamp sent as a gzip bomb is refused
    The attacker sends a small gzip stream, marked "Content-Encoding: gzip", that
    inflates to the genuine timestamp followed by a gibibyte of whitespace. A client
    whose HTTP library inflates responses by itself must apply the length limit to
    the inflated bytes; a client that does not inflate sees garbage and refuses it.
    Given a repository
    When the attacker sends timestamp as a gzip bomb
    And the client refreshes
    Then the update is refused
    And the client trusts no timestamp
    And the client updates normally once the attack stops
