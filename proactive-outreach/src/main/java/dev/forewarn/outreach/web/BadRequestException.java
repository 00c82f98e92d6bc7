package dev.forewarn.outreach.web;

/** A request field is wrong; answered with 400 naming the field. */
public class BadRequestException extends RuntimeException {

  private final String field;

  public BadRequestException(String field, String error) {
    super(error);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
