/**
 * The HTTP listener the reference servers share: Netty, bounded bodies, idle connections closed,
 * writes off the event loop. The trust server ({@code dev.mallory.server}) and the registry
 * ({@code dev.mallory.registry.server}) differ only in their routes and error shapes.
 */
package dev.mallory.http;
