package io.shoal.driver;

import io.shoal.planner.errors.ShoalException;

/**
 * The SQLState the planner gave a failure. A class of its own so that only a JVM that has the
 * planner (the embedded driver, the coordinator) ever loads it; {@link Errors} calls it only for a
 * {@link ShoalException} it found by name.
 */
final class PlannerStates {
  private PlannerStates() {}

  static String of(Throwable shoalException) {
    return ((ShoalException) shoalException).sqlState();
  }
}
