package dev.forewarn.demo;

import dev.forewarn.simulator.mqtt.WireFormat;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The demo's simulated fleet and its owners: device {@code demo-N} belongs to customer N, with a
 * made-up phone number and email address that only the sandbox channels (or a configured test
 * account) ever see.
 */
record Fleet(
    int devices,
    int degrading,
    int timeScale,
    int failAfterWallSeconds,
    int runSeconds,
    WireFormat.Kind format) {

  static final String PREFIX = "demo-";
  static final String MODEL = "AC-200";

  /** Wall-clock seconds from the fleet's start to the degrading devices' failure, at most. */
  static final int FAIL_AFTER = 60;

  /** ... and at least: their climb needs some seconds to show. */
  static final int FAIL_AFTER_SHORTEST = 15;

  static Fleet of(DemoConfig config) {
    // Failures land a minute into the run, or at 60% of a shorter timed run, so that the first
    // cases come within the first minute and detection, notification and the summary all happen
    // inside the run.
    int failAfter =
        config.duration() > 0
            ? Math.min(FAIL_AFTER, Math.max(FAIL_AFTER_SHORTEST, config.duration() * 6 / 10))
            : FAIL_AFTER;
    int run = config.duration() > 0 ? config.duration() + 60 : 7 * 24 * 3600;
    return new Fleet(
        config.devices(), config.degrading(), config.timeScale(), failAfter, run, config.format());
  }

  /** Registers an owner for every device the simulator plays. */
  static void register(List<String> deviceIds, OutreachApi api) throws IOException {
    int n = 0;
    for (String deviceId : deviceIds) {
      n++;
      long customer =
          api.addCustomer(
              "Demo Customer " + n, String.format("+1555010%04d", n), "owner" + n + "@example.com");
      api.addDevice(deviceId, customer, "Living-room AC " + n, MODEL);
    }
  }

  /**
   * The id the job gives a device the simulator plays as {@code deviceId}, in this fleet's format.
   */
  String jobDeviceId(String deviceId) {
    return new WireFormat(format).jobDeviceId(deviceId);
  }

  /**
   * The demo's rule for these devices (ids as the job gives them). SenML carries no model, so a
   * SenML fleet's rule is scoped by its device ids alone.
   */
  String rule(String ruleId, List<String> jobDeviceIds) {
    return ruleJson(
        ruleId, jobDeviceIds, format == WireFormat.Kind.SENML ? List.of() : List.of(MODEL));
  }

  /** The demo's rule, scoped to these devices of the demo's model. */
  static String ruleJson(String ruleId, List<String> deviceIds) {
    return ruleJson(ruleId, deviceIds, List.of(MODEL));
  }

  /**
   * Compressor above 85 °C for two simulated minutes and three readings; clears below 80 °C. A
   * trend forecast beside it estimates when the compressor reaches the failure level (95 °C), so
   * the case carries an ETA; its horizon of one second lets only the threshold open the case (the
   * forecast alone holds only once the level is past 95 °C). Customers read the rule's own wording,
   * in English or Korean, with units.
   */
  private static String ruleJson(String ruleId, List<String> deviceIds, List<String> models) {
    return """
        {"id": "%s", "schemaVersion": 2, "name": "Compressor overheating",
         "severity": "warning", "scope": {"models": [%s], "deviceIds": [%s]},
         "condition": {"type": "any", "conditions": [
           {"type": "threshold", "metric": "compressor_temp_c", "direction": "above",
            "level": 85.0, "clearLevel": 80.0},
           {"type": "trend-forecast", "metric": "compressor_temp_c", "direction": "above",
            "limit": 95.0, "horizon": "PT1S", "clearHorizon": "P1D", "window": "PT12M",
            "buckets": 6, "minPointsInWindow": 6}]},
         "sustainedFor": "PT2M", "minPoints": 3,
         "customerWording": {
           "text": {
             "en": "The compressor is running hot: {conditions[0].value}, limit {conditions[0].level}",
             "ko": "압축기가 과열되고 있습니다: {conditions[0].value}, 기준 {conditions[0].level}"},
           "units": {"compressor_temp_c": "°C"}}}
        """
        .formatted(ruleId, quoted(models), quoted(deviceIds));
  }

  private static String quoted(List<String> words) {
    return String.join(",", words.stream().map(word -> "\"" + word + "\"").toList());
  }

  /**
   * How far ahead of its arrival the job lets a reading of this fleet be: the simulated clock runs
   * {@code timeScale} times as fast as the wall clock, so by the end of the run it is {@code
   * runSeconds × (timeScale − 1)} seconds ahead; the job's usual 5 minutes on top. The job would
   * otherwise refuse the fleet's readings as stamped by wrong clocks a few seconds into the run.
   */
  Duration maxFutureSkew() {
    return maxFutureSkew(timeScale, runSeconds);
  }

  /** {@link #maxFutureSkew()} of a fleet at this time scale playing this many wall seconds. */
  static Duration maxFutureSkew(int timeScale, int runSeconds) {
    return Duration.ofSeconds((long) runSeconds * (timeScale - 1)).plusMinutes(5);
  }

  String[] simulatorArgs(String mqttUrl, String clientId) {
    return new String[] {
      "--mqtt-url",
      mqttUrl,
      "--client-id",
      clientId,
      "--devices",
      Integer.toString(devices),
      "--device-prefix",
      PREFIX,
      "--model",
      MODEL,
      "--rate",
      Integer.toString(devices),
      "--duration",
      Integer.toString(runSeconds),
      "--time-scale",
      Integer.toString(timeScale),
      "--degrading",
      Integer.toString(degrading),
      "--failure-after",
      (failAfterWallSeconds * timeScale) + "s",
      "--format",
      format.name().toLowerCase(Locale.ROOT),
    };
  }
}
