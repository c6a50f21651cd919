@server-validation
Feature: A Notary server refuses bad uploads and keeps what it acknowledged
  The server is the last gate before metadata reaches every client. A publisher who holds some
  keys, or none, or a broken tool, must not get a bad upload past it, and nothing it already
  serves may change when it refuses one. Each scenario runs against a fresh server (a server
  given by URL is shared, so each scenario publishes under a repository name of its own). The
  honest publisher of the Background builds its metadata client side, as the notary client does:
  root, targets holding "app", a delegation "targets/releases" for paths "releases/" holding
  "releases/one", and a snapshot it signs itself; the timestamp is the server's.
  Each malicious upload carries a validly signed snapshot that pins exactly the bad file, so the
  only thing wrong with it is what the scenario names. "Exactly as before" compares every role by
  name, by the hash of what the server serves and by every version, byte for byte.
  Verdicts: PROTECTED when the server refused and kept its state; VULNERABLE when it accepted a
  bad upload or changed what it serves; BROKEN when it refused an honest upload, served metadata
  clients cannot verify, or lost what it acknowledged.

  Background:
    Given the server hosts a repository published by an honest publisher

  # ---- honest publishers: accepted, and clients see exactly what was published -----------------

  @honest-publish
  Scenario: An honest upload is accepted and clients see exactly what was published
    When a publisher publishes target "app" containing "app 2.0"
    Then the server accepts the upload
    And the server serves every role exactly as the publisher uploaded it
    And the reference client sees exactly what was published
    And the notary client lists every published target

  @honest-publish @delegations
  Scenario: An honest upload to a delegated role is accepted and clients see it
    When a publisher publishes target "releases/two" containing "two" in the delegation
    Then the server accepts the upload
    And the server serves every role exactly as the publisher uploaded it
    And the reference client sees exactly what was published

  @honest-publish @key-rotation
  Scenario: An honest targets key rotation is accepted and clients follow it
    When a publisher rotates the targets key
    Then the server accepts the upload
    And the server serves every role exactly as the publisher uploaded it
    And the reference client sees exactly what was published

  # ---- signatures and thresholds ---------------------------------------------------------------

  @bad-signature
  Scenario: Targets signed by a key the root does not list are refused
    When a publisher uploads targets signed by a key the root does not list
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before
    And the reference client sees exactly what was published

  @bad-signature
  Scenario: Targets with a corrupted signature are refused
    When a publisher uploads targets with a corrupted signature
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before

  @bad-signature
  Scenario: Targets without signatures are refused
    When a publisher uploads targets without signatures
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before

  @threshold
  Scenario: Targets signed below the threshold are refused
    Given a publisher has given the targets role 2 keys with threshold 2
    When a publisher uploads targets signed by only 1 of the 2 targets keys
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before
    And the reference client sees exactly what was published

  @bad-signature
  Scenario: A snapshot signed by the targets key is refused
    When a publisher uploads a snapshot signed by the targets key
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before

  # ---- versions and expiry -----------------------------------------------------------------------

  @version
  Scenario: Targets at the version the server already serves are refused
    When a publisher uploads targets at the version the server already serves
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before

  @version
  Scenario: Targets at a lower version are refused
    When a publisher uploads targets at a lower version than the server serves
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before

  @expiry
  Scenario: Expired targets are refused
    When a publisher uploads targets that expired 1 hour ago
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before

  # ---- key rotation ------------------------------------------------------------------------------

  @key-rotation
  Scenario: Targets signed by a rotated-out key are refused
    Given a publisher has rotated the targets key
    When a publisher uploads targets signed by the rotated-out targets key
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before
    And the reference client sees exactly what was published

  @root-rotation
  Scenario: A root rotation not signed by the old root is refused
    When a publisher uploads a new root signed only by the new root key
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before
    And the reference client sees exactly what was published

  @root-rotation @version
  Scenario: A root that skips a version is refused
    When a publisher uploads a root that skips a version
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before

  # ---- snapshot consistency ----------------------------------------------------------------------

  @snapshot-consistency
  Scenario: A snapshot that does not match the targets is refused
    When a publisher uploads a snapshot that does not match the targets
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before
    And the reference client sees exactly what was published

  # ---- delegations -------------------------------------------------------------------------------

  @delegations
  Scenario: A delegated role signed by the wrong key is refused
    When a publisher uploads the delegation signed by the targets key
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before

  @delegations
  Scenario: A delegated role listing a target outside its delegated paths is refused
    When a publisher uploads the delegation listing target "bin/evil" outside its delegated paths
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before
    And the reference client sees exactly what was published

  @delegations
  Scenario: A delegated role nobody delegated is refused
    When a publisher uploads a delegation "targets/other" that nobody delegated
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before

  # ---- broken encodings --------------------------------------------------------------------------

  @malformed
  Scenario Outline: Targets whose body is <body> are refused
    When a publisher uploads targets whose body is "<body>"
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before

    Examples:
      | body                      |
      | truncated JSON            |
      | not JSON                  |
      | empty                     |
      | a JSON array              |
      | JSON with a duplicate key |
      | invalid UTF-8             |
      | a snapshot                |

  # The signatures cover the canonical form of "signed", so other encodings of it verify too (the
  # notary client sends canonical JSON; Mallory's own publisher does not sort "signed"). What a
  # server must not do is re-encode: the snapshot pins the exact bytes, so it must refuse the
  # file or serve it byte for byte.
  @canonical-json
  Scenario: Validly signed targets in a non-canonical encoding are refused or served byte for byte
    When a publisher uploads validly signed targets in a non-canonical encoding
    Then the server refuses the upload or serves it exactly as uploaded
    And the reference client sees exactly what was published

  @canonical-json
  Scenario: A validly signed snapshot in a non-canonical encoding is refused or served byte for byte
    When a publisher uploads a validly signed snapshot in a non-canonical encoding
    Then the server refuses the upload or serves it exactly as uploaded
    And the reference client sees exactly what was published

  @malformed
  Scenario: An upload that is not multipart is refused
    When a publisher uploads a body that is not multipart
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before

  @oversized
  Scenario: An oversized upload is refused and the server stays up
    When a publisher uploads a 64 MiB targets file
    Then the server refuses the upload with a Notary error
    And the server is still healthy
    And the server still serves every role exactly as before

  # ---- role names --------------------------------------------------------------------------------

  @role-names
  Scenario Outline: A role name with a path trick (<name>) is refused
    When a publisher uploads the next targets under the role name "<name>"
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before

    Examples:
      | name                        |
      | ../targets                  |
      | targets/../root             |
      | targets/releases/../../root |
      | ./targets                   |
      | targets/                    |
      | targets//releases           |
      | /targets                    |
      | TARGETS                     |
      | targets/%2e%2e/root         |
      | targets\\..\\root           |

  @role-names
  Scenario: The server-managed timestamp cannot be uploaded
    When a publisher uploads the timestamp the server signed
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before

  # ---- freshness ---------------------------------------------------------------------------------

  @freshness
  Scenario: The server serves a current timestamp and no expired role
    Then the server serves a timestamp valid for at least 1 hour
    And the server serves no expired role

  @freshness
  Scenario: The server re-signs the timestamp before it expires
    When the server's clock moves 15 days forward
    Then the server serves a timestamp that has not expired
    And the server serves no expired role
    And the reference client sees exactly what was published

  # ---- authorisation and namespaces --------------------------------------------------------------

  @authorisation
  Scenario: An anonymous push is refused
    Given the server requires credentials to push
    When an anonymous publisher uploads the next targets version
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before

  @authorisation
  Scenario: A push with credentials for another namespace is refused
    Given the server requires credentials to push
    When a publisher with credentials for another namespace uploads the next targets version
    Then the server refuses the upload with a Notary error
    And the server still serves every role exactly as before

  @authorisation
  Scenario: An anonymous DELETE does not remove the repository
    Given the server requires credentials to push
    When an anonymous client deletes the repository
    Then the server refuses the request
    And the server still serves every role exactly as before

  @authorisation
  Scenario: An anonymous client cannot rotate the server's timestamp key
    Given the server requires credentials to push
    When an anonymous client asks the server to rotate the timestamp key
    Then the server refuses the request
    And the server still serves every role exactly as before

  @namespaces
  Scenario: Publishing to one repository never reveals or changes another
    Given the server hosts a second repository published by another publisher
    When a publisher publishes target "app" containing "app 2.0"
    Then the server accepts the upload
    And the second repository is served exactly as before
    And the server serves no file of one repository under the other's name

  # ---- durability and load -----------------------------------------------------------------------

  @durability @concurrency
  Scenario: Of concurrent uploads of one version, exactly one wins and is served
    When 8 publishers upload the next targets version at the same time
    Then the server accepts exactly one of the concurrent uploads
    And the server serves the one upload it accepted
    And the reference client sees exactly what was published

  @durability @concurrency
  Scenario: Concurrent publishers to many repositories are all accepted
    When 8 publishers each publish a repository of their own at the same time
    Then the server accepts every upload
    And the server serves every repository exactly as its publisher uploaded it

  @load
  Scenario: A burst of 10,000 requests leaves the server serving and unchanged
    When 10000 requests for the repository's metadata arrive within 120 seconds
    Then the server answered every request of the burst
    And the server is still healthy
    And the server still serves every role exactly as before
    And the server still accepts an honest upload

  # Anyone may ask for a repository's timestamp key, and a Notary server makes the key on first ask.
  @load @concurrency
  Scenario: A burst of requests for the keys of new repositories leaves the server serving and unchanged
    When 10000 requests for the timestamp keys of new repositories arrive within 120 seconds
    Then the server answered every request of the burst
    And the server is still healthy
    And the server still serves every role exactly as before
    And the server still accepts an honest upload

  @durability
  Scenario: A restarted server still serves everything it acknowledged
    When the server is restarted
    Then the server still serves everything it acknowledged
    And the reference client sees exactly what was published

  @durability @crash
  Scenario: A killed server still serves everything it acknowledged after it restarts
    When the server process is killed and restarted
    Then the server still serves everything it acknowledged
    And the reference client sees exactly what was published
