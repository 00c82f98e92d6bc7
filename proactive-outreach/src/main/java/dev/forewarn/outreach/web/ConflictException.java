package dev.forewarn.outreach.web;

/** The request is understood but the resource is not in a state that allows it; answered 409. */
public class ConflictException extends RuntimeException {

  public ConflictException(String error) {
    super(error);
  }
}
