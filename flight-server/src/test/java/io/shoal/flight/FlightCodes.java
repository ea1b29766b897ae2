package io.shoal.flight;

/** The Flight status code inside a JDBC driver exception (the driver shades Flight's classes). */
final class FlightCodes {
  private FlightCodes() {}

  static String of(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getClass().getSimpleName().equals("FlightRuntimeException")) {
        try {
          Object status = c.getClass().getMethod("status").invoke(c);
          return String.valueOf(status.getClass().getMethod("code").invoke(status));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return "none in " + t;
  }
}
