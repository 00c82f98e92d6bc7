package dev.forewarn.rules.reading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.rules.reading.SenmlPack.Refusal;
import dev.forewarn.rules.reading.SenmlPack.Result;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples of RFC 8428, section 5, resolved to the values and times the RFC gives. */
class SenmlPackTest {

  private static final String URN = "urn:dev:ow:10e2073a01080063";
  private static final Instant RECEIVED = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void singleDatapointWithoutATimeIsAtTheTimeOfReceiptAndNamedAfterItsUnit() {
    Result result =
        parse(URN, "[{\"n\":\"urn:dev:ow:10e2073a01080063\",\"u\":\"Cel\",\"v\":23.1}]");

    assertThat(result.refused()).isEmpty();
    assertThat(result.readings())
        .containsExactly(senml(URN, RECEIVED, Map.of("Cel", 23.1), Map.of("Cel", "Cel")));
  }

  @Test
  void multipleDatapointsShareTheBaseNameAndFormOneReading() {
    Result result =
        parse(
            URN,
            "[{\"bn\":\"urn:dev:ow:10e2073a01080063:\",\"n\":\"voltage\",\"u\":\"V\",\"v\":120.1},"
                + "{\"n\":\"current\",\"u\":\"A\",\"v\":1.2}]");

    assertThat(result.refused()).isEmpty();
    assertThat(result.readings())
        .containsExactly(
            senml(
                URN,
                RECEIVED,
                Map.of("voltage", 120.1, "current", 1.2),
                Map.of("voltage", "V", "current", "A")));
  }

  @Test
  void multipleDatapointsAtRelativeTimesAfterABaseTimeAreSeparateReadings() {
    // "08:01:16.001 UTC 2010 and at each second for the previous 5 seconds".
    Result result =
        parse(
            "urn:dev:ow:10e2073a0108006",
            "[{\"bn\":\"urn:dev:ow:10e2073a0108006:\",\"bt\":1.276020076001e+09,"
                + "\"bu\":\"A\",\"bver\":5,\"n\":\"voltage\",\"u\":\"V\",\"v\":120.1},"
                + "{\"n\":\"current\",\"t\":-5,\"v\":1.2},{\"n\":\"current\",\"t\":-4,\"v\":1.3},"
                + "{\"n\":\"current\",\"t\":-3,\"v\":1.4},{\"n\":\"current\",\"t\":-2,\"v\":1.5},"
                + "{\"n\":\"current\",\"t\":-1,\"v\":1.6},{\"n\":\"current\",\"v\":1.7}]");

    Instant t = Instant.parse("2010-06-08T18:01:16.001Z");
    String device = "urn:dev:ow:10e2073a0108006";
    Map<String, String> ampere = Map.of("current", "A");
    assertThat(result.refused()).isEmpty();
    assertThat(result.readings())
        .containsExactly(
            senml(device, t.minusSeconds(5), Map.of("current", 1.2), ampere),
            senml(device, t.minusSeconds(4), Map.of("current", 1.3), ampere),
            senml(device, t.minusSeconds(3), Map.of("current", 1.4), ampere),
            senml(device, t.minusSeconds(2), Map.of("current", 1.5), ampere),
            senml(device, t.minusSeconds(1), Map.of("current", 1.6), ampere),
            senml(
                device,
                t,
                Map.of("voltage", 120.1, "current", 1.7),
                Map.of("voltage", "V", "current", "A")));
  }

  private static final String MULTIPLE_MEASUREMENTS =
      "[{\"bn\":\"urn:dev:ow:10e2073a01080063\",\"bt\":1.320067464e+09,\"bu\":\"%RH\",\"v\":20},"
          + "{\"u\":\"lon\",\"v\":24.30621},{\"u\":\"lat\",\"v\":60.07965},"
          + "{\"t\":60,\"v\":20.3},{\"u\":\"lon\",\"t\":60,\"v\":24.30622},"
          + "{\"u\":\"lat\",\"t\":60,\"v\":60.07965},"
          + "{\"t\":120,\"v\":20.7},{\"u\":\"lon\",\"t\":120,\"v\":24.30623},"
          + "{\"u\":\"lat\",\"t\":120,\"v\":60.07966},"
          + "{\"u\":\"%EL\",\"t\":150,\"v\":98},"
          + "{\"t\":180,\"v\":21.2},{\"u\":\"lon\",\"t\":180,\"v\":24.30628},"
          + "{\"u\":\"lat\",\"t\":180,\"v\":60.07967}]";

  private static final String RESOLVED_RECORDS =
      "[{\"n\":\"urn:dev:ow:10e2073a01080063\",\"u\":\"%RH\",\"t\":1.320067464e+09,\"v\":20},"
          + "{\"n\":\"urn:dev:ow:10e2073a01080063\",\"u\":\"lon\",\"t\":1.320067464e+09,\"v\":24.30621},"
          + "{\"n\":\"urn:dev:ow:10e2073a01080063\",\"u\":\"lat\",\"t\":1.320067464e+09,\"v\":60.07965},"
          + "{\"n\":\"urn:dev:ow:10e2073a01080063\",\"u\":\"%RH\",\"t\":1.320067524e+09,\"v\":20.3},"
          + "{\"n\":\"urn:dev:ow:10e2073a01080063\",\"u\":\"lon\",\"t\":1.320067524e+09,\"v\":24.30622},"
          + "{\"n\":\"urn:dev:ow:10e2073a01080063\",\"u\":\"lat\",\"t\":1.320067524e+09,\"v\":60.07965},"
          + "{\"n\":\"urn:dev:ow:10e2073a01080063\",\"u\":\"%RH\",\"t\":1.320067584e+09,\"v\":20.7},"
          + "{\"n\":\"urn:dev:ow:10e2073a01080063\",\"u\":\"lon\",\"t\":1.320067584e+09,\"v\":24.30623},"
          + "{\"n\":\"urn:dev:ow:10e2073a01080063\",\"u\":\"lat\",\"t\":1.320067584e+09,\"v\":60.07966},"
          + "{\"n\":\"urn:dev:ow:10e2073a01080063\",\"u\":\"%EL\",\"t\":1.320067614e+09,\"v\":98},"
          + "{\"n\":\"urn:dev:ow:10e2073a01080063\",\"u\":\"%RH\",\"t\":1.320067644e+09,\"v\":21.2},"
          + "{\"n\":\"urn:dev:ow:10e2073a01080063\",\"u\":\"lon\",\"t\":1.320067644e+09,\"v\":24.30628},"
          + "{\"n\":\"urn:dev:ow:10e2073a01080063\",\"u\":\"lat\",\"t\":1.320067644e+09,\"v\":60.07967}]";

  @Test
  void multipleMeasurementsAreOneReadingPerTimeWithRecordsThatDifferByUnitNamedAfterIt() {
    Result result = parse(URN, MULTIPLE_MEASUREMENTS);

    assertThat(result.refused()).isEmpty();
    assertThat(result.readings()).containsExactlyElementsOf(multipleMeasurements());
  }

  @Test
  void theResolvedRecordsOfTheRfcGiveTheSameReadings() {
    Result result = parse(URN, RESOLVED_RECORDS);

    assertThat(result.refused()).isEmpty();
    assertThat(result.readings()).containsExactlyElementsOf(multipleMeasurements());
  }

  private static List<Reading> multipleMeasurements() {
    Instant t0 = Instant.parse("2011-10-31T13:24:24Z"); // 1.320067464e+09
    Map<String, String> position = Map.of("%RH", "%RH", "lon", "lon", "lat", "lat");
    return List.of(
        senml(URN, t0, Map.of("%RH", 20.0, "lon", 24.30621, "lat", 60.07965), position),
        senml(
            URN,
            t0.plusSeconds(60),
            Map.of("%RH", 20.3, "lon", 24.30622, "lat", 60.07965),
            position),
        senml(
            URN,
            t0.plusSeconds(120),
            Map.of("%RH", 20.7, "lon", 24.30623, "lat", 60.07966),
            position),
        senml(URN, t0.plusSeconds(150), Map.of("%EL", 98.0), Map.of("%EL", "%EL")),
        senml(
            URN,
            t0.plusSeconds(180),
            Map.of("%RH", 21.2, "lon", 24.30628, "lat", 60.07967),
            position));
  }

  @Test
  void baseValueAndBaseSumAreAddedAndABooleanIsOneOrZero() {
    Result result =
        parse(
            "dev-1",
            "[{\"bn\":\"dev-1/\",\"bt\":1.7e9,\"bv\":100,\"bs\":1000,\"n\":\"a\",\"v\":1.5},"
                + "{\"n\":\"open\",\"vb\":true},{\"n\":\"closed\",\"vb\":false},"
                + "{\"n\":\"energy\",\"s\":2}]");

    assertThat(result.refused()).isEmpty();
    assertThat(result.readings())
        .singleElement()
        .satisfies(
            reading -> {
              assertThat(reading.ts()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
              assertThat(reading.metrics())
                  .isEqualTo(Map.of("a", 101.5, "open", 1.0, "closed", 0.0, "energy", 1002.0));
              assertThat(reading.hasSeq()).isFalse();
              assertThat(reading.format()).isEqualTo(Reading.SENML);
            });
  }

  @Test
  void eachRefusedRecordNamesItsFieldAndTheRestOfThePackIsTaken() {
    // RFC 8428's multiple-data-types example: the string and data values cannot be metrics.
    Result result =
        parse(
            URN,
            "[{\"bn\":\"urn:dev:ow:10e2073a01080063:\",\"bt\":1.7e9,\"n\":\"temperature\","
                + "\"u\":\"Cel\",\"v\":23.4},"
                + "{\"n\":\"label\",\"vs\":\"Machine Room\"},"
                + "{\"n\":\"open\",\"vb\":false},"
                + "{\"n\":\"nfc-reader\",\"vd\":\"aGkgCg\"},"
                + "{\"n\":\"hum idity\",\"v\":1},"
                + "{\"n\":\"rpm\",\"v\":\"fast\"},"
                + "{\"n\":\"rpm\",\"t\":\"soon\",\"v\":1},"
                + "{\"n\":\"temperature\",\"v\":99},"
                + "{\"n\":\"x\",\"v\":1,\"crit_\":true},"
                + "{\"n\":\"y\"},"
                + "42]");

    assertThat(result.readings())
        .containsExactly(
            senml(
                URN,
                Instant.ofEpochSecond(1_700_000_000L),
                Map.of("temperature", 23.4, "open", 0.0),
                Map.of("temperature", "Cel")));
    assertThat(result.refused())
        .extracting(Refusal::reason)
        .containsExactly(
            "records[1].vs: a string value; only numbers are kept",
            "records[3].vd: a data value; only numbers are kept",
            "records[4].n: resolved name \"urn:dev:ow:10e2073a01080063:hum idity\" is not a SenML"
                + " name (letters, digits, - : . / _, starting with a letter or digit)",
            "records[5].v: not a finite number (\"fast\")",
            "records[6].t: not a number (\"soon\")",
            "records[7]: metric \"temperature\" appears twice at 2023-11-14T22:13:20Z",
            "records[8].crit_: a field that must be understood, and is not known here",
            "records[9]: no value (v, vb or s)",
            "records[10]: not a SenML record (42)");
    assertThat(result.refused().get(1).record())
        .isEqualTo("{\"n\":\"nfc-reader\",\"vd\":\"aGkgCg\"}");
  }

  @Test
  void aRefusedBaseFieldRefusesTheRecordsThatFollowIt() {
    Result result =
        parse(
            "dev-1",
            "[{\"bt\":1.7e9,\"n\":\"a\",\"v\":1},{\"bt\":\"later\",\"n\":\"b\",\"v\":2},"
                + "{\"n\":\"c\",\"v\":3}]");

    assertThat(result.readings()).extracting(Reading::metrics).containsExactly(Map.of("a", 1.0));
    assertThat(result.refused())
        .extracting(Refusal::reason)
        .containsExactly(
            "records[1].bt: not a number (\"later\")",
            "records[2]: follows records[1]'s base field, which was refused");
  }

  @Test
  void aPackThatIsNoPackIsRefusedWhole() {
    assertThat(parse("dev-1", "{\"n\":\"a\",\"v\":1}").refused())
        .extracting(Refusal::reason)
        .containsExactly("$: not a SenML pack (a JSON array of records)");
    assertThat(parse("dev-1", "[]").refused())
        .extracting(Refusal::reason)
        .containsExactly("$: an empty pack");
    assertThat(parse("dev-1", "[{\"n\":\"a\",\"v\":1}").refused()).hasSize(1);
    assertThat(parse("dev-1", "").refused())
        .extracting(Refusal::reason)
        .containsExactly("$: empty payload");
    assertThat(parse("dev-1", "[{\"n\":\"a\",\"bt\":1e30,\"v\":1}]").refused())
        .extracting(Refusal::reason)
        .singleElement()
        .asString()
        .startsWith("records[0].bt: outside the times history can hold");
  }

  @Test
  void writesAPackThatReadsBackAsTheSameReading() {
    Reading reading =
        senml(
            "ac-7",
            Instant.parse("2026-11-22T10:00:00.123Z"),
            Map.of("compressor_temp_c", 71.5, "rpm", 1200.0),
            Map.of("compressor_temp_c", "Cel"));

    byte[] pack = SenmlPack.write(reading);

    assertThat(SenmlPack.parse("ac-7", pack, RECEIVED).readings()).containsExactly(reading);
    assertThat(SenmlPack.deviceIdFromTopic(SenmlPack.topic("ac-7"))).contains("ac-7");
    assertThat(SenmlPack.deviceIdFromTopic("devices/ac-7/telemetry")).isEmpty();
  }

  private static Result parse(String deviceId, String pack) {
    return SenmlPack.parse(deviceId, pack.getBytes(StandardCharsets.UTF_8), RECEIVED);
  }

  private static Reading senml(
      String deviceId, Instant ts, Map<String, Double> metrics, Map<String, String> units) {
    return new Reading(deviceId, ts, Reading.NO_SEQ, "", metrics, Map.of(), Reading.SENML, units);
  }
}
