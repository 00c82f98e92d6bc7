package dev.forewarn.demo;

import java.io.IOException;
import java.util.List;

/**
 * The demo's simulated fleet and its owners: device {@code demo-N} belongs to customer N, with a
 * made-up phone number and email address that only the sandbox channels (or a configured test
 * account) ever see.
 */
record Fleet(int devices, int degrading, int timeScale, int failAfterWallSeconds, int runSeconds) {

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
    return new Fleet(config.devices(), config.degrading(), config.timeScale(), failAfter, run);
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

  /** Compressor above 85 °C for two simulated minutes and three readings; clears below 80 °C. */
  static String ruleJson(String ruleId, List<String> deviceIds) {
    return """
        {"id": "%s", "type": "threshold", "name": "Compressor overheating",
         "severity": "warning", "scope": {"models": ["%s"], "deviceIds": [%s]},
         "metric": "compressor_temp_c", "direction": "above", "level": 85.0, "clearLevel": 80.0,
         "sustainedFor": "PT2M", "minPoints": 3}
        """
        .formatted(
            ruleId,
            MODEL,
            String.join(",", deviceIds.stream().map(id -> "\"" + id + "\"").toList()));
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
    };
  }
}
