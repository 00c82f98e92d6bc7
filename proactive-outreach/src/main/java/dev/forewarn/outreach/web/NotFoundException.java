package dev.forewarn.outreach.web;

/** The addressed resource does not exist; answered with 404. */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String error) {
    super(error);
  }
}
