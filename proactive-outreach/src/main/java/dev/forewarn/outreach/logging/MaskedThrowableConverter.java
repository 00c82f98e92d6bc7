package dev.forewarn.outreach.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * An exception and its stack trace (set off by blank lines, as in Spring Boot's own pattern), with
 * phone numbers and email addresses masked: a provider's error message often repeats the recipient.
 */
public class MaskedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return LogMasking.mask(super.convert(event));
  }
}
