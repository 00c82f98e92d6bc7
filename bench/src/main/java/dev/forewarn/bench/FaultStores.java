package dev.forewarn.bench;

import dev.forewarn.bench.FaultScenario.Fault;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stores one scenario's job writes to and the scenario counts in: the run's (the machine's
 * InfluxDB and PostgreSQL) unless the scenario stops one of them, in which case an InfluxDB or a
 * PostgreSQL of the scenario's own, in its directory, takes that store's place. The run's ledger
 * stays on the machine's PostgreSQL either way.
 */
final class FaultStores implements AutoCloseable {

  private final FaultRun run;
  private final Influx influx;
  private final Optional<OwnInflux> ownInflux;
  private final Optional<OwnPostgres> ownPostgres;
  private final String schemaUrl;

  private FaultStores(
      FaultRun run,
      Influx influx,
      Optional<OwnInflux> ownInflux,
      Optional<OwnPostgres> ownPostgres,
      String schemaUrl) {
    this.run = run;
    this.influx = influx;
    this.ownInflux = ownInflux;
    this.ownPostgres = ownPostgres;
    this.schemaUrl = schemaUrl;
  }

  /** Starts the store of the scenario's own that its fault needs, if any, in {@code dir}. */
  static FaultStores of(FaultRun run, Fault fault, Path dir) throws IOException {
    switch (fault) {
      case INFLUX_STOPPED -> {
        OwnInflux own = OwnInflux.start(run.ledger(), dir.resolve("influxdb"));
        say(fault, "own InfluxDB at " + own.url() + ", files in " + dir.resolve("influxdb"));
        return new FaultStores(
            run,
            new Influx(own.url(), run.influx().database()),
            Optional.of(own),
            Optional.empty(),
            run.schemaUrl());
      }
      case POSTGRES_RESTARTED -> {
        String schema = "faults_" + run.run();
        OwnPostgres own = OwnPostgres.start(run.ledger(), dir.resolve("postgresql"), schema);
        say(fault, "own PostgreSQL at " + own.url() + ", files in " + dir.resolve("postgresql"));
        return new FaultStores(
            run,
            run.influx(),
            Optional.empty(),
            Optional.of(own),
            BenchRuns.schemaUrl(own.url(), schema));
      }
      default -> {
        return new FaultStores(
            run, run.influx(), Optional.empty(), Optional.empty(), run.schemaUrl());
      }
    }
  }

  /** Where the scenario counts stored readings. */
  Influx influx() {
    return influx;
  }

  OwnInflux ownInflux() {
    return ownInflux.orElseThrow();
  }

  OwnPostgres ownPostgres() {
    return ownPostgres.orElseThrow();
  }

  /** The run's job options with this scenario's stores in place of the run's. */
  List<String> jobOptions(List<String> runOptions) {
    List<String> options = new ArrayList<>(runOptions);
    ownInflux.ifPresent(own -> replace(options, "--influx-url", own.url()));
    if (ownPostgres.isPresent()) {
      replace(options, "--jdbc-url", schemaUrl);
      replace(options, "--jdbc-user", OwnPostgres.USER);
    }
    return options;
  }

  /** The database password for the job: the run's, or none on a PostgreSQL of its own (trust). */
  String jdbcPassword() {
    return ownPostgres.isPresent() ? "" : run.jdbcPassword();
  }

  /** OPENED case events per {@code device/rule}, for devices whose id starts with prefix. */
  Map<String, Long> openedCases(String prefix) throws Exception {
    return ownPostgres.isPresent()
        ? FaultRun.openedCases(schemaUrl, OwnPostgres.USER, "", prefix)
        : run.openedCases(prefix);
  }

  @Override
  public void close() throws Exception {
    if (ownInflux.isPresent()) {
      ownInflux.get().close();
    }
    if (ownPostgres.isPresent()) {
      ownPostgres.get().close();
    }
  }

  private static void replace(List<String> options, String name, String value) {
    int at = options.indexOf(name);
    if (at < 0 || at + 1 >= options.size()) {
      throw new IllegalStateException("the job's options lack " + name);
    }
    options.set(at + 1, value);
  }

  private static void say(Fault fault, String line) {
    System.out.println("bench: scenario " + fault.number + " (" + fault.label + "): " + line);
  }
}
