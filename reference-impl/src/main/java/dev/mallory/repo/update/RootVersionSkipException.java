package dev.mallory.repo.update;

/** Notary: a new root must be exactly one version above the stored one, so clients can walk the chain (5.3). */
public final class RootVersionSkipException extends UpdateRejectedException {
  public RootVersionSkipException(long current, long uploaded) {
    super("root", "root modifications must increment the version by one: current " + current + ", new " + uploaded);
  }

  @Override
  public RejectionCode code() {
    return RejectionCode.INVALID_UPDATE;
  }
}
