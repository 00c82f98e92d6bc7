package dev.forewarn.outreach.web;

/** A service the request needs (the telemetry history) is not configured or not answering: 503. */
public class ServiceUnavailableException extends RuntimeException {

  public ServiceUnavailableException(String error) {
    super(error);
  }
}
