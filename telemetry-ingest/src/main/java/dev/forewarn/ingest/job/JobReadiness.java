package dev.forewarn.ingest.job;

import dev.forewarn.ingest.parse.ParseReadings;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.reading.ReadingJson;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Waits until a freshly started job really consumes telemetry. The job's MQTT sessions only exist
 * once its readers have subscribed; a fleet that starts publishing before that would be talking to
 * nobody. A probe device, outside every rule's scope, publishes until the job has counted a
 * reading.
 */
public final class JobReadiness {

  /** Device id prefix of the probe; its readings are ordinary, stored ones. */
  public static final String PROBE_PREFIX = "forewarn-probe-";

  private JobReadiness() {}

  /**
   * Publishes probe readings to the job's broker until the job has counted one.
   *
   * @throws IllegalStateException when the job consumed nothing within the patience
   */
  public static void awaitConsuming(JobClient job, String mqttUrl, Duration patience)
      throws Exception {
    String device = PROBE_PREFIX + UUID.randomUUID().toString().substring(0, 8);
    long deadline = System.nanoTime() + patience.toNanos();
    try (MqttClient client = new MqttClient(mqttUrl, device, new MemoryPersistence())) {
      client.connect();
      long seq = 0;
      while (readings(job) == 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the telemetry job consumed nothing within " + patience.toSeconds() + " s");
        }
        Reading probe = new Reading(device, Instant.now(), seq++, "probe", Map.of("probe", 1.0));
        client.publish(ReadingJson.telemetryTopic(device), ReadingJson.write(probe), 1, false);
        Thread.sleep(500);
      }
      client.disconnect();
    } catch (MqttException e) {
      throw new IllegalStateException("cannot reach " + mqttUrl + ": " + e.getMessage(), e);
    }
  }

  /** The job's count of accepted readings so far (refreshed with heartbeats). */
  public static long readings(JobClient job) throws Exception {
    Object value = job.getAccumulators().get(10, TimeUnit.SECONDS).get(ParseReadings.READINGS);
    return value instanceof Number number ? number.longValue() : 0;
  }
}
