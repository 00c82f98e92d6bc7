package dev.forewarn.simulator;

/** A run could not start or finish, e.g. because the broker cannot be reached. */
public class SimulatorException extends RuntimeException {

  public SimulatorException(String message, Throwable cause) {
    super(message, cause);
  }
}
