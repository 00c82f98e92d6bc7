package dev.forewarn.outreach.web;

/** A request body without a declared length turned out larger than the limit while being read. */
final class BodyTooLargeException extends RuntimeException {

  BodyTooLargeException(String limit) {
    super("the request body is larger than the limit of " + limit);
  }
}
