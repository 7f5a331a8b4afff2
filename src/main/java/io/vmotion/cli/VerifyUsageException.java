package io.vmotion.cli;

/** A bad command line for {@code vmotion verify}; its message names the option and the accepted values. */
final class VerifyUsageException extends Exception {
  private static final long serialVersionUID = 1L;

  VerifyUsageException(String message) {
    super(message);
  }
}
