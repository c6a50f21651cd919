/**
 * The reference TUF / Notary client: the yardstick third-party clients are compared with.
 *
 * <ul>
 *   <li>{@link dev.mallory.client.TrustedMetadataSet}: every acceptance rule of spec 5.1-5.7, each
 *       commented with its step; no IO.
 *   <li>{@link dev.mallory.client.Updater}: orchestration only (downloads, cache loading,
 *       persistence, the 5.6.7 delegation search, target download and the artifact cache).
 *   <li>{@link dev.mallory.client.Fetcher} / {@link dev.mallory.client.HttpFetcher}: streaming,
 *       capped, with connect, per-read and whole-transfer time limits.
 *   <li>{@link dev.mallory.client.RemoteLayout}: URL building, one record per dialect
 *       ({@link dev.mallory.client.TufLayout}, {@link dev.mallory.client.NotaryLayout}).
 *   <li>{@link dev.mallory.client.MetadataStore}: unversioned, byte-identical, atomically written
 *       {@code ROLE.json} files with percent-encoded names.
 *   <li>{@code dev.mallory.client.errors}: one typed exception per protection, each with a
 *       cross-client {@link dev.mallory.client.errors.Reason}.
 * </ul>
 */
package dev.mallory.client;
