package dev.forewarn.ingest.job;

import dev.forewarn.ingest.cases.DeadLetterStore;
import dev.forewarn.ingest.cases.JdbcSink;
import dev.forewarn.ingest.cases.Tables;
import dev.forewarn.ingest.influx.InfluxHistorySink;
import dev.forewarn.ingest.mqtt.MqttPublishSink;
import dev.forewarn.ingest.mqtt.MqttSource;
import dev.forewarn.rules.reading.Reading;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the telemetry job. {@code main} runs it in an embedded local environment when started with
 * {@code java}, and on the cluster when the same jar is submitted with {@code flink run}; other
 * programs (the demo, the benchmark) call {@link #start}.
 */
public final class IngestJob {

  /** The job's name in Flink. */
  public static final String NAME = "forewarn-telemetry-ingest";

  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  private IngestJob() {}

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help")) {
      System.out.print(IngestConfig.help());
      return;
    }
    IngestConfig config;
    try {
      config = IngestConfig.parse(args, System.getenv());
      Tables.requireAll(config.jdbc(), "case_events", "dead_letters");
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("telemetry-ingest: " + e.getMessage());
      System.exit(2);
      return;
    } catch (SQLException e) {
      System.err.println("telemetry-ingest: cannot reach the database: " + e.getMessage());
      System.exit(1);
      return;
    }
    prepare(config).execute(NAME);
  }

  /**
   * Starts the job without waiting for it, after checking that the database has its tables.
   *
   * @return the running job, to cancel it or read its accumulators ({@code readings}, {@code
   *     dead_letters})
   * @throws IllegalStateException when a table is missing, saying what to do
   */
  public static JobClient start(IngestConfig config) throws Exception {
    Tables.requireAll(config.jdbc(), "case_events", "dead_letters");
    return prepare(config).executeAsync(NAME);
  }

  private static StreamExecutionEnvironment prepare(IngestConfig config) {
    LOG.info("telemetry-ingest starting: {}", config.describe());
    StreamExecutionEnvironment env = environment(config);
    IngestGraph.build(
        env,
        new IngestGraph.Inputs(
            new MqttSource(config.telemetrySource()),
            new MqttSource(config.rulesSource()),
            config.sparkplugSource().map(MqttSource::new),
            !config.telemetrySource().shared()),
        new IngestGraph.Outputs(
            history(config),
            JdbcSink.caseEvents(config.jdbc(), config.caseFlushInterval()),
            JdbcSink.deadLetters(config.jdbc(), config.deadLetterFlushInterval()),
            config.sparkplugSource().map(any -> new MqttPublishSink(config.telemetrySource()))),
        new IngestGraph.EventTime(
            config.maxOutOfOrderness(), config.idleTimeout(), config.stateTtl(), config.clocks()));
    return env;
  }

  /** The environment: local when run directly, the cluster's under {@code flink run}. */
  static StreamExecutionEnvironment environment(IngestConfig config) {
    Configuration flink = new Configuration();
    // Every record type has a Flink serializer; a type that would silently fall back to Kryo
    // fails at submission instead.
    flink.set(PipelineOptions.GENERIC_TYPES, false);
    // Accumulators reach the client with heartbeats: in the embedded environment, report every
    // two seconds so that a running job's counts are fresh. A cluster keeps its own setting.
    flink.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(2));
    Optional<String> checkpointDir = config.checkpointDir();
    if (checkpointDir.isPresent()) {
      flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.get());
      flink.set(
          CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
          ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    } else if (StreamExecutionEnvironment.areExplicitEnvironmentsAllowed()) {
      // Run directly rather than under `flink run`: keep checkpoints in a scratch directory.
      // Flink's in-memory checkpoint storage would copy the whole state into the checkpoint
      // metadata every time, which cost about half of the job's CPU with ten thousand devices.
      flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      flink.set(
          CheckpointingOptions.CHECKPOINTS_DIRECTORY, ScratchDirectory.create().toUri().toString());
      flink.set(
          CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
          ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION);
    }
    config.restoreFrom().ifPresent(path -> flink.set(StateRecoveryOptions.SAVEPOINT_PATH, path));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    // At-least-once is enough: every sink is idempotent or tolerates a duplicate.
    env.enableCheckpointing(
        config.checkpointInterval().toMillis(), CheckpointingMode.AT_LEAST_ONCE);
    env.setBufferTimeout(config.bufferTimeout().toMillis());
    // Readings, rules and case events are immutable records and no function keeps a reference to
    // one it was handed, so chained operators may pass them on without a defensive copy.
    env.getConfig().enableObjectReuse();
    if (config.parallelism() > 0) {
      env.setParallelism(config.parallelism());
    }
    return env;
  }

  private static Optional<Sink<Reading>> history(IngestConfig config) {
    if (config.influx().isEmpty()) {
      LOG.warn("InfluxDB history writes are off: no --influx-url / FOREWARN_INFLUX_URL configured");
      return Optional.empty();
    }
    return Optional.of(
        new InfluxHistorySink(config.influx().get(), new DeadLetterStore(config.jdbc())));
  }
}
