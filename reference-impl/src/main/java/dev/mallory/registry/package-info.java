/**
 * Docker Content Trust, end to end, in the reference implementation.
 *
 * <ul>
 *   <li>{@link dev.mallory.registry.server.RegistryServer}: a Registry v2 subset over Netty on
 *       127.0.0.1 (blobs and manifests by digest, chunked and monolithic uploads with the digest
 *       checked, manifests by tag, bounded bodies); {@link dev.mallory.registry.server.RegistryStore}
 *       has {@code tamper*} methods that make it a malicious registry for attack scenarios.
 *   <li>{@link dev.mallory.registry.RegistryClient}: pushes and capped fetches against it or the
 *       real docker-registry.
 *   <li>{@link dev.mallory.registry.pull.ContentTrustPull}: tag to manifest digest through signed
 *       targets (TUF layout or Notary GUN {@code <registry-host>/<name>}), manifest and every layer
 *       verified by length and SHA-256 before anything is decompressed, bounded gunzip and a confined
 *       untar ({@link dev.mallory.registry.archive.SafeUnpacker}) into a staging directory renamed
 *       into place only on success. Refusals are typed ({@code registry.errors}).
 *   <li>{@link dev.mallory.registry.pull.NaivePull}: Docker 1.3's "verified" pull, the positive
 *       control that unpacks first and only warns about a checksum mismatch afterwards.
 *   <li>{@link dev.mallory.registry.image}: images built in memory at test time and signed into a
 *       reference repository or through the real notary client.
 * </ul>
 */
package dev.mallory.registry;
