package dev.mallory.repo.update;

/** The request body is not a multipart upload of role files. */
public final class MalformedUploadException extends UpdateRejectedException {
  public MalformedUploadException(String message) {
    super(null, message);
  }

  @Override
  public RejectionCode code() {
    return RejectionCode.MALFORMED_UPLOAD;
  }
}
