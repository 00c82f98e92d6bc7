package dev.forewarn.outreach.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class RequestLimitPropertiesTest {

  @Test
  void theLimitIsNamedInTheUnitItWasGivenInAndInBytes() {
    assertThat(limit("1MB").describeMaxBodySize()).isEqualTo("1 MiB (1048576 bytes)");
    assertThat(limit("64KB").describeMaxBodySize()).isEqualTo("64 KiB (65536 bytes)");
    assertThat(limit("1500B").describeMaxBodySize()).isEqualTo("1500 bytes");
  }

  @Test
  void aLimitBelowOneKibibyteIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> limit("512B"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("forewarn.web.max-body-size must be at least 1KB: 512B");
  }

  private static RequestLimitProperties limit(String size) {
    return new RequestLimitProperties(DataSize.parse(size), 100);
  }
}
