package dev.mallory.client;

import dev.mallory.model.TargetFile;

/**
 * A target found through the delegation search (5.6.7).
 *
 * @param path the target path as metadata lists it
 * @param file its length, hashes and custom data
 * @param role the targets role that listed it
 */
public record TargetInfo(String path, TargetFile file, String role) {}
