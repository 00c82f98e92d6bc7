package dev.forewarn.ingest.influx;

import static dev.forewarn.ingest.testing.Fixtures.T0;
import static dev.forewarn.ingest.testing.Fixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.forewarn.ingest.testing.CollectSink;
import dev.forewarn.ingest.testing.ManualTime;
import dev.forewarn.ingest.testing.Services;
import dev.forewarn.ingest.testing.TcpGate;
import dev.forewarn.rules.reading.Reading;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * InfluxDB out of reach (a {@link TcpGate} in front of the real one, shut): history waits in a
 * bounded buffer that checkpoints carry, and neither fails the job nor holds back its checkpoints.
 */
class InfluxOutageIT {

  @RegisterExtension static final MiniClusterExtension CLUSTER = new MiniClusterExtension();

  private final String database = "forewarn_it_" + UUID.randomUUID().toString().substring(0, 8);
  private final InfluxDB influx = InfluxDBFactory.connect(Services.influxUrl());

  @AfterEach
  void dropDatabase() {
    influx.query(new Query("DROP DATABASE \"" + database + "\"", null, true));
    influx.close();
  }

  @Test
  void aCheckpointDoesNotWaitForAnUnreachableInfluxDbAndCarriesTheUnwrittenPoints()
      throws Exception {
    try (TcpGate gate = gateToInflux()) {
      InfluxSettings settings = settings(gate, 2);
      InfluxHistoryWriter writer = writer(settings, List.of());
      for (int minute = 0; minute < 5; minute++) {
        writer.write(reading("dev-1", T0.plusSeconds(60L * minute), 70 + minute), null);
      }

      writer.flush(false); // what a checkpoint calls: returns although nothing could be written
      List<String> state = writer.snapshotState(1);
      writer.close();
      assertThat(state).isNotEmpty();

      gate.open();
      InfluxHistoryWriter restored = writer(settings, state);
      restored.flush(true); // the end of the input waits until the history is written
      restored.close();
    }
    assertThat(pointsStored()).isEqualTo(5);
  }

  @Test
  void theJobOutlivesAnInfluxDbOutageAndWritesTheHistoryWhenItIsBack() throws Exception {
    int readings = 400;
    try (TcpGate gate = gateToInflux()) {
      Configuration noRestarts = new Configuration();
      noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.getExecutionEnvironment(noRestarts);
      env.setParallelism(1);
      env.enableCheckpointing(200);
      DataStream<Reading> stream =
          env.fromSource(
              new DataGeneratorSource<>(
                  index -> reading("dev-" + (index % 4), T0.plusSeconds(index), 60),
                  readings,
                  RateLimiterStrategy.perSecond(50),
                  TypeInformation.of(Reading.class)),
              WatermarkStrategy.noWatermarks(),
              "readings");
      CollectSink<Reading> seen = new CollectSink<>();
      stream.sinkTo(seen);
      stream.sinkTo(new InfluxHistorySink(settings(gate, 20))).disableChaining();
      JobClient job = env.executeAsync("influx-outage-it");

      // Six seconds of readings while InfluxDB is away: longer than any retry used to last.
      await()
          .atMost(60, TimeUnit.SECONDS)
          .until(() -> seen.received().size() >= 300 || job.getJobStatus().get().isTerminalState());
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);

      gate.open();
      job.getJobExecutionResult().get(120, TimeUnit.SECONDS);
    }
    assertThat(pointsStored()).isEqualTo(readings);
  }

  private static TcpGate gateToInflux() throws Exception {
    URI influxUrl = URI.create(Services.influxUrl());
    return TcpGate.shut(influxUrl.getHost(), influxUrl.getPort());
  }

  private InfluxSettings settings(TcpGate gate, int batchSize) {
    return new InfluxSettings(
        "http://127.0.0.1:" + gate.port(), "", "", database, batchSize, Duration.ofMillis(100));
  }

  private static InfluxHistoryWriter writer(InfluxSettings settings, List<String> state) {
    return new InfluxHistoryWriter(
        settings,
        new InfluxClient(settings),
        new ManualTime(),
        new UnregisteredMetricsGroup(),
        state,
        letters -> {});
  }

  private long pointsStored() {
    QueryResult result = influx.query(new Query("SELECT count(seq) FROM telemetry", database));
    assertThat(result.getError()).isNull();
    return Math.round(
        (Double) result.getResults().get(0).getSeries().get(0).getValues().get(0).get(1));
  }
}
