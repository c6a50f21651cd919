@content-trust
Feature: Docker Content Trust: a signed tag, content-addressed layers, verified before unpacking

  Docker Content Trust splits an image pull in two. The trust server (Notary, or a TUF repository)
  signs the tag: its targets entry maps the tag to the manifest's length and SHA-256 digest, and the
  timestamp and snapshot keep that mapping fresh, so the puller knows which manifest the publisher
  means today. The registry, which the puller does not trust, only stores bytes by digest: the
  manifest names the config and every layer by digest and size. A correct puller therefore resolves
  the tag through the trust data, fetches the manifest by that digest, fetches every layer capped at
  the size the verified manifest gives, and compares every digest BEFORE it decompresses or unpacks
  anything. Decompressing or untarring unverified bytes hands the registry (or anyone on the way to
  it) the gunzip and tar code, as Docker 1.3's "verified" pull did: it checked the signed manifest,
  then streamed each layer into decompress-and-untar and only warned about a checksum mismatch
  afterwards. Even verified layers are hostile input: the unpacking must be bounded and confined to
  the target root.

  The attacker here controls the registry (a compromised registry, or a man in the middle between
  the puller and it): it serves any bytes under any digest or tag. It holds no key of the trust
  server, except where a scenario gives it a delegated key. After every attack, nothing from an
  unverified layer, and nothing from a refused image, may be found in the target root (the target
  root does not exist or is empty) or anywhere beside it.

  Systems under test are pull clients, selected as `--client pull:PULLER@BACKEND`: PULLER is
  `reference` (Mallory's ContentTrustPull) or `naive` (Docker 1.3's pull, the positive control);
  BACKEND is `tuf` (reference registry + reference server, TUF layout), `notary` (reference registry
  + reference server, Notary API, GUN `<registry-host>/<name>`) or `real` (the real docker-registry
  behind a tampering relay + the real notary-server, tags signed with the real notary client).
  Scenarios tagged `@naive-pull-vulnerable` are those the naive puller is expected to lose.

  Background:
    Given an image "v1" is pushed and signed as tag "latest"

  @arbitrary-installation @dct-verify-before-unpack
  Scenario: The puller installs a signed image
    When the puller pulls tag "latest"
    Then the puller installed image "v1"

  @arbitrary-installation @dct-layer-digest @dct-verify-before-unpack @naive-pull-vulnerable
  Scenario: A layer tampered with in the registry is refused before it is unpacked
    When the registry serves layer 2 of tag "latest" with content of its own
    And the puller pulls tag "latest"
    Then the pull is refused because of a layer digest mismatch
    And nothing reached the target root
    And the puller pulls tag "latest" normally once the attack stops

  @arbitrary-installation @mix-and-match @dct-layer-digest @naive-pull-vulnerable
  Scenario Outline: A layer swapped with another valid layer of the registry is refused (<which>)
    Given an image "v9" is pushed as tag "other" without being signed
    When the registry serves layer <layer> of tag "latest" with the content of layer <other> of tag "other"
    And the puller pulls tag "latest"
    Then the pull is refused because of a layer digest mismatch
    And nothing reached the target root
    And the puller pulls tag "latest" normally once the attack stops

    Examples:
      | which                         | layer | other |
      | same position, other release  | 2     | 2     |
      | base layer replaced by an app | 1     | 2     |

  @rollback @dct-tag-digest @dct-manifest-digest
  Scenario Outline: A replayed old image is not installed in place of the signed one (<replay>)
    Given an image "v2" is pushed and signed as tag "latest"
    When the registry answers <replay> with image "v1"
    And the puller pulls tag "latest"
    Then <outcome>
    And nothing from image "v1" reached the target root

    Examples:
      | replay                            | outcome                                                   |
      | tag "latest"                      | the puller installed image "v2"                           |
      | the manifest of image "v2"        | the pull is refused because of a manifest digest mismatch |
      | tag "latest" and manifest of "v2" | the pull is refused because of a manifest digest mismatch |

  @extraneous-dependencies @dct-manifest-digest
  Scenario Outline: A manifest that does not match the signed digest is refused (<change>)
    When the registry answers the manifest of tag "latest" with one that <change>
    And the puller pulls tag "latest"
    Then the pull is refused because of a manifest digest mismatch
    And nothing reached the target root
    And the puller pulls tag "latest" normally once the attack stops

    Examples:
      | change                       |
      | adds a layer of its own      |
      | drops its last layer         |
      | reverses the order of layers |

  @endless-data @dct-bounded-unpack @naive-pull-vulnerable
  Scenario Outline: A decompression bomb is never unpacked past the limit (<source>)
    Given the puller unpacks at most 8 MiB
    And <setup>
    When the puller pulls tag "<tag>"
    Then the pull is refused because of <reason>
    And nothing reached the target root

    Examples:
      | source                     | tag    | setup                                                                                        | reason                  |
      | signed by the publisher    | bomb   | an image whose layer holds a decompression bomb of 64 MiB is pushed and signed as tag "bomb" | a decompression bomb    |
      | served in place of a layer | latest | the registry serves layer 2 of tag "latest" with a decompression bomb of 64 MiB              | a layer digest mismatch |

  @arbitrary-installation @dct-confined-unpack @naive-pull-vulnerable
  Scenario Outline: A layer with an entry escaping the target root is refused (<entry>)
    Given an image whose layer holds <entry> is pushed and signed as tag "hostile"
    When the puller pulls tag "hostile"
    Then the pull is refused because of an unsafe archive entry
    And nothing reached the target root

    Examples:
      | entry                                                                |
      | a file "../escaped"                                                  |
      | a file "../../escaped"                                               |
      | a file "/escaped"                                                    |
      | a symlink "etc" to "../../../etc" and a file through it              |
      | a symlink "alias" to "real" and, in a later layer, a file through it |

  @arbitrary-installation @dct-confined-unpack @dct-layer-digest @naive-pull-vulnerable
  Scenario: A layer with an escaping entry served in place of a signed layer is refused before it is unpacked
    When the registry serves layer 2 of tag "latest" with a file "../escaped"
    And the puller pulls tag "latest"
    Then the pull is refused because of a layer digest mismatch
    And nothing reached the target root
    And the puller pulls tag "latest" normally once the attack stops

  @key-compromise @dct-delegation-paths @delegations @tuf-5.6.7
  Scenario: A tag signed by a delegated key without authority for it is refused
    Given an image "evil" is pushed as tag "edge" and signed by a delegated key whose paths do not cover it
    When the puller pulls tag "edge"
    Then the pull is refused because of an unsigned tag
    And nothing reached the target root
