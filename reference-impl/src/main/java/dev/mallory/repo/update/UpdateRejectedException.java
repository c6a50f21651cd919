package dev.mallory.repo.update;

/**
 * An upload refused before anything was stored. One subclass per reason; each knows the Notary
 * error code it is reported with.
 */
public abstract sealed class UpdateRejectedException extends RuntimeException
    permits MalformedUploadException,
        MalformedMetadataException,
        InvalidRoleException,
        InvalidStructureException,
        WrongRoleTypeException,
        ThresholdNotMetException,
        RootNotCrossSignedException,
        RootVersionSkipException,
        VersionNotIncreasedException,
        ExpiredUploadException,
        SnapshotMismatchException,
        UnknownDelegationException,
        TargetOutsideDelegationException,
        MissingRoleException {

  private final String role;

  protected UpdateRejectedException(String role, String message) {
    super(message);
    this.role = role;
  }

  /** The role whose file was refused ({@code null} when the whole upload was). */
  public String role() {
    return role;
  }

  public abstract RejectionCode code();
}
