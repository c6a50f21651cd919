/**
 * Real external programs on loopback: the Debian {@code notary-server}, the {@code notary} client
 * and {@code docker-registry}, plus the small process plumbing they need.
 *
 * <p>Mallory validates itself against the real Notary implementation, so these classes start the
 * real binaries, wait until they answer, drive them, and always stop them again <em>by pid</em>.
 * Rules every class here follows:
 * <ul>
 *   <li>everything listens on 127.0.0.1 only, on a port picked by {@link dev.mallory.external.FreePort};</li>
 *   <li>every process we start is registered with {@link dev.mallory.external.ProcessTree} so a JVM
 *       shutdown hook stops it even when a test fails or is interrupted; nothing else is ever signalled;</li>
 *   <li>every command has a timeout and bounded captured output (the programs under test may be hostile).</li>
 * </ul>
 */
package dev.mallory.external;
