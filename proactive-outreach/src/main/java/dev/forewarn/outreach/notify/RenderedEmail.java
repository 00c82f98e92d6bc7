package dev.forewarn.outreach.notify;

/** An email ready to send: subject, plain-text part and HTML part saying the same. */
public record RenderedEmail(String subject, String text, String html) {}
