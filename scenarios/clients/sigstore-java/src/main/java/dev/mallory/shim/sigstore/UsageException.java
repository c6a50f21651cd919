package dev.mallory.shim.sigstore;

/**
 * The caller, not the client under test, got something wrong (bad option, bad FAKETIME). Reported
 * with exit code 2 so a harness can tell its own mistakes from the client rejecting an attack.
 */
final class UsageException extends Exception {
  UsageException(String message) {
    super(message);
  }
}
