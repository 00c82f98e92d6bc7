package dev.forewarn.ingest.job;

import static dev.forewarn.ingest.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.forewarn.ingest.mqtt.MqttSource;
import dev.forewarn.ingest.parse.DeadLetter;
import dev.forewarn.ingest.testing.CollectSink;
import dev.forewarn.ingest.testing.Mqtt;
import dev.forewarn.ingest.testing.Services;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.reading.ReadingJson;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The job's own metrics through Flink's Prometheus reporter, configured as telemetry-ingest's
 * README tells a cluster to configure it ({@code metrics.reporter.prom.factory.class} and {@code
 * .port}): the job graph runs on a mini cluster with that configuration, reads telemetry from the
 * real Mosquitto, and its operator metrics ({@code readings}, {@code dead_letters}) are served in
 * Prometheus' text format while it runs.
 */
class PrometheusReporterIT {

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String clientId = "it-prom-" + run;
  private final String device = "it-prom-" + run;
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void discardSessions() throws Exception {
    Mqtt.discardSessions(clientId + "-0", clientId + "-1");
  }

  @Test
  void operatorMetricsAreServedInPrometheusFormatWhileTheJobRuns() throws Exception {
    int port = freePort();
    Configuration flink = new Configuration();
    flink.setString(
        "metrics.reporter.prom.factory.class",
        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
    flink.setString("metrics.reporter.prom.port", Integer.toString(port));
    IngestConfig config =
        IngestConfig.parse(
            new String[] {
              "--mqtt-url",
              Services.mqttUrl(),
              "--mqtt-client-id",
              clientId,
              "--mqtt-share-group",
              "it-prom-" + run,
              "--rules-topic",
              "forewarn-it/" + run + "/rules/+",
              "--parallelism",
              "2"
            },
            Map.of());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    env.setParallelism(2);
    env.enableCheckpointing(500);
    IngestGraph.build(
        env,
        new IngestGraph.Inputs(
            new MqttSource(config.telemetrySource()), new MqttSource(config.rulesSource())),
        new IngestGraph.Outputs(
            Optional.<org.apache.flink.api.connector.sink2.Sink<Reading>>empty(),
            new CollectSink<CaseEvent>(),
            new CollectSink<DeadLetter>()),
        new IngestGraph.EventTime(Duration.ofSeconds(1), Duration.ofSeconds(5)));
    JobClient job = env.executeAsync("prometheus-it");
    try (Mqtt mqtt = new Mqtt()) {
      long[] seq = {0};
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                // Keep publishing until the readers are subscribed and the counters show them.
                Reading reading =
                    new Reading(
                        device,
                        T0.plusSeconds(seq[0]),
                        seq[0]++,
                        "AC-200",
                        Map.of("compressor_temp_c", 70.0));
                mqtt.publish(ReadingJson.telemetryTopic(device), ReadingJson.write(reading));
                mqtt.publish(ReadingJson.telemetryTopic(device), "{\"ts\": \"yesterday\"}");
                String metrics = scrape(port);
                return sum(metrics, "readings") >= 3 && sum(metrics, "dead_letters") >= 1;
              });
      String metrics = scrape(port);
      assertThat(metrics).contains("# TYPE flink_taskmanager_job_task_operator_readings");
      // Label values are sanitised: the job "prometheus-it" is labelled prometheus_it.
      assertThat(metrics).contains("job_name=\"prometheus_it\"");
      assertThat(metrics).contains("flink_jobmanager_numRunningJobs");
    } finally {
      job.cancel().get();
    }
  }

  /** The sum over subtasks of an operator counter of the job. */
  private static double sum(String metrics, String counter) {
    Matcher line =
        Pattern.compile(
                "^flink_taskmanager_job_task_operator_" + counter + "\\{[^}]*} ([0-9.eE+-]+)$",
                Pattern.MULTILINE)
            .matcher(metrics);
    double total = 0;
    while (line.find()) {
      total += Double.parseDouble(line.group(1));
    }
    return total;
  }

  private String scrape(int port) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer.body();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
