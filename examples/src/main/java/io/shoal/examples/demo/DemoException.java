package io.shoal.examples.demo;

/** A demo step failed; the message is one line a person can act on, prefixed with the step. */
public final class DemoException extends Exception {
  private final String step;

  public DemoException(String step, String message) {
    super(message);
    this.step = step;
  }

  public DemoException(String step, String message, Throwable cause) {
    super(message, cause);
    this.step = step;
  }

  /** The step that failed, e.g. {@code import}. */
  public String step() {
    return step;
  }
}
