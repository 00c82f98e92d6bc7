package dev.forewarn.outreach.templates;

import java.util.Optional;

/**
 * A message ready for one channel.
 *
 * @param subject email subject or app notification title; empty for SMS
 * @param text the plain text: the SMS, the email's text part, the app notification's body
 * @param html the email's HTML part; empty for other channels
 */
public record Rendered(Optional<String> subject, String text, Optional<String> html) {}
