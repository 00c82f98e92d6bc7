package dev.forewarn.ingest.influx;

import static dev.forewarn.ingest.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.rules.reading.Reading;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryLinesTest {

  @Test
  void writesTheDeviceAndModelAsTagsTheMetricsAsFloatsAndSeqAsAnIntegerAtTheMillisecond() {
    Reading reading =
        new Reading("ac-17", T0.plusNanos(2_500_000), 42, "AC-200", Map.of("temp_c", 71.25));

    assertThat(line(reading))
        .isEqualTo(
            "telemetry,device_id=ac-17,model=AC-200 temp_c=71.25,seq=42i "
                + (T0.toEpochMilli() + 2)
                + "\n");
  }

  @Test
  void leavesTheModelTagOutWhenTheModelIsUnknown() {
    Reading reading = new Reading("ac-17", T0, 1, "", Map.of("temp_c", 70.0));

    assertThat(line(reading)).startsWith("telemetry,device_id=ac-17 temp_c=70.0,seq=1i ");
  }

  @Test
  void writesEveryMetricOnceSeparatedByCommas() {
    Reading reading =
        new Reading("ac-17", T0, 3, "AC-200", Map.of("temp_c", 70.0, "rpm", 1200.0, "w", 0.5));

    String fields = line(reading).split(" ")[1];

    assertThat(Arrays.asList(fields.split(",")))
        .containsExactlyInAnyOrder("temp_c=70.0", "rpm=1200.0", "w=0.5", "seq=3i");
  }

  @Test
  void escapesCommasEqualsSignsAndSpacesInNames() {
    Reading reading = new Reading("hall 3,a=b", T0, 1, "AC 200", Map.of("temp, inlet=c", 70.0));

    assertThat(line(reading))
        .startsWith(
            "telemetry,device_id=hall\\ 3\\,a\\=b,model=AC\\ 200 temp\\,\\ inlet\\=c=70.0,seq=1i ");
  }

  @Test
  void writesLargeAndSmallNumbersWithAnExponentThatReadsBackExactly() {
    Reading reading = new Reading("ac-17", T0, 1, "", Map.of("big", 1.5e300, "small", -2.0e-7));

    String fields = line(reading).split(" ")[1];

    assertThat(Arrays.asList(fields.split(",")))
        .containsExactlyInAnyOrder("big=1.5E300", "small=-2.0E-7", "seq=1i");
  }

  @Test
  void keepsTheSeqFieldForTheSequenceNumberWhenAMetricHasThatName() {
    Reading reading = new Reading("ac-17", T0, 9, "", Map.of("seq", 3.5, "temp_c", 70.0));

    String fields = line(reading).split(" ")[1];

    assertThat(Arrays.asList(fields.split(","))).containsExactlyInAnyOrder("temp_c=70.0", "seq=9i");
  }

  @Test
  void aReadingWithoutSeqHasNoSeqFieldAndAnotherFormatIsATagAndUnitsAreStrings() {
    Reading reading =
        new Reading(
            "urn:dev:ow:10e2073a01080063",
            T0,
            Reading.NO_SEQ,
            "",
            Map.of("temp", 23.1),
            Map.of(),
            Reading.SENML,
            Map.of("temp", "Cel\"x"));

    assertThat(line(reading))
        .isEqualTo(
            "telemetry,device_id=urn:dev:ow:10e2073a01080063,format=senml"
                + " temp=23.1,unit:temp=\"Cel\\\"x\" "
                + T0.toEpochMilli()
                + "\n");
  }

  private static String line(Reading reading) {
    StringBuilder body = new StringBuilder();
    TelemetryLines.append(body, reading);
    return body.toString();
  }

  @Test
  void readsTheDeviceIdBackFromALineEscapesAndAll() {
    StringBuilder body = new StringBuilder();
    TelemetryLines.append(body, new Reading("hall 3,a=b", T0, 1, "AC-200", Map.of("t", 1.0)));

    assertThat(TelemetryLines.deviceId(body.toString())).isEqualTo("hall 3,a=b");
    assertThat(TelemetryLines.deviceId("weather,station=x t=1 0")).isEmpty();
  }
}
