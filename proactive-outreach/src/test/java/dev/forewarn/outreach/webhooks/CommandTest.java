package dev.forewarn.outreach.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandTest {

  @Test
  void readsTheFirstWordWhateverItsCaseAndTrailingPunctuation() {
    assertThat(Command.of(" yes please")).isEqualTo(Command.BOOK);
    assertThat(Command.of("ack!")).isEqualTo(Command.ACK);
    assertThat(Command.of("Stop")).isEqualTo(Command.STOP);
    assertThat(Command.of("unsubscribe")).isEqualTo(Command.STOP);
    assertThat(Command.of("START")).isEqualTo(Command.START);
    assertThat(Command.of("help?")).isEqualTo(Command.HELP);
    assertThat(Command.of("확인")).isEqualTo(Command.ACK);
  }

  @Test
  void digitsOneToFiveAreLeftToTheCaseAndAnythingElseIsUnknown() {
    assertThat(Command.of("1")).isEqualTo(Command.DIGIT);
    assertThat(Command.of("5.")).isEqualTo(Command.DIGIT);
    assertThat(Command.of("6")).isEqualTo(Command.UNKNOWN);
    assertThat(Command.of("when will you come?")).isEqualTo(Command.UNKNOWN);
    assertThat(Command.of("")).isEqualTo(Command.UNKNOWN);
  }
}
