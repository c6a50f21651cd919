@informational
Feature: Slow retrieval attacks
  In a slow retrieval attack the attacker does answer, but so slowly that the
  update never completes: one byte every few seconds, or a connection accepted
  and then left silent. No key is needed. A client that waits forever stays on
  old software without noticing, which amounts to a freeze. The TUF specification
  listed this attack among its goals until 2020, when it was removed because
  nothing in the specification protects against it; protection is left to
  implementations. python-tuf, for example, gives up when a single read waits
  more than 30 seconds, but sets no deadline for a whole file, so a byte every
  few seconds keeps it waiting.

  These scenarios are informational: the report records whether the client gave
  up and after how long, and never counts the outcome as a failure.

  @slow-retrieval @download
  Scenario Outline: A <file> dripped at one byte every <seconds> seconds
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    When the attacker drips <file> at one byte every <seconds> seconds
    And the client downloads target "app.tgz"
    Then the update is refused because of slow retrieval
    And the client gave up on <file> within 60 seconds
    And the client updates normally once the attack stops

    @tuf-5.4.1
    Examples: each byte arrives before a typical per-read timeout fires
      | file      | seconds |
      | timestamp | 5       |

    @tuf-5.4.1
    Examples: each byte arrives after a typical per-read timeout
      | file      | seconds |
      | timestamp | 40      |

    @tuf-5.7.3
    Examples: the target file itself
      | file             | seconds |
      | target "app.tgz" | 5       |

  @slow-retrieval @download
  Scenario Outline: A <file> that never starts arriving
    Given a repository
    And the repository has target "app.tgz" containing "app 1.0"
    When the attacker stalls <file>
    And the client downloads target "app.tgz"
    Then the update is refused because of slow retrieval
    And the client gave up on <file> within 60 seconds
    And the client updates normally once the attack stops

    @tuf-5.3.3
    Examples: the next root version
      | file |
      | root |

    @tuf-5.4.1
    Examples: the timestamp
      | file      |
      | timestamp |

    @tuf-5.7.3
    Examples: the target file
      | file             |
      | target "app.tgz" |
