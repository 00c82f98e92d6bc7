package dev.forewarn.outreach.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class MaskedLogConvertersTest {

  final LoggerContext context = new LoggerContext();
  final Logger logger = context.getLogger("test");

  @Test
  void phoneNumbersAndEmailAddressesInAMessageAreMasked() {
    LoggingEvent event =
        event(
            "sent to={} cc={} reason={}",
            null,
            "+821012345678",
            "jane.doe@example.com",
            "The 'To' number +15005550001 is not a valid phone number");

    String line = converted(new MaskedMessageConverter(), event);

    assertThat(line)
        .isEqualTo(
            "sent to=+82******5678 cc=j***@example.com reason=The 'To' number +15*****0001"
                + " is not a valid phone number");
  }

  @Test
  void anExceptionMessageAndItsCauseAreMaskedToo() {
    Exception cause = new IllegalStateException("550 5.1.1 <bob@example.org>: no such user");
    LoggingEvent event =
        event("failed", new RuntimeException("could not reach +14155550100", cause));

    String trace = converted(new MaskedThrowableConverter(), event);

    assertThat(trace)
        .contains("could not reach +14*****0100", "<b***@example.org>")
        .doesNotContain("+14155550100", "bob@example.org");
  }

  @Test
  void textWithoutAddressesIsLeftAlone() {
    String text =
        "case opened case_id=12 device_id=ac-0001 at 2026-11-22T10:00:00+09:00 level+5 +123";

    assertThat(LogMasking.mask(text)).isEqualTo(text);
    assertThat(LogMasking.mask("already masked +82******5678 j***@example.com"))
        .isEqualTo("already masked +82******5678 j***@example.com");
  }

  private LoggingEvent event(String message, Throwable thrown, Object... args) {
    return new LoggingEvent("test", logger, Level.INFO, message, thrown, args);
  }

  private String converted(ClassicConverter converter, LoggingEvent event) {
    converter.setContext(context);
    converter.start();
    return converter.convert(event);
  }
}
