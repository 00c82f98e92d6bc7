package dev.forewarn.simulator;

import dev.forewarn.simulator.fleet.DeviceProfile;
import dev.forewarn.simulator.fleet.FleetPlan;
import dev.forewarn.simulator.fleet.FleetScript;
import dev.forewarn.simulator.fleet.GroundTruth;
import dev.forewarn.simulator.mqtt.FleetConnections;
import dev.forewarn.simulator.mqtt.PublishWindow;
import dev.forewarn.simulator.mqtt.Tally;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a fleet onto MQTT: the readings of {@link FleetScript}, paced in wall time, published
 * without a blocking wait per message, plus each device's retained status. Use {@link #run()} to
 * play on the calling thread, or {@link #start()} and {@link #stop()} to play in the background. A
 * simulator plays once.
 */
public final class Simulator {

  private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

  private final SimulatorConfig config;
  private final List<DeviceProfile> fleet;
  private final GroundTruth groundTruth;
  private final PublishWindow window;
  private final Tally telemetry = new Tally();
  private final AtomicBoolean played = new AtomicBoolean();
  private volatile boolean stopping;
  private volatile Tally statuses = new Tally();
  private volatile long startedNanos;
  private volatile long finishedNanos;
  private Thread runner;
  private volatile RuntimeException failure;

  public Simulator(SimulatorConfig config) {
    this.config = config;
    this.fleet = FleetPlan.plan(config.fleet(), config.pace());
    this.groundTruth = GroundTruth.of(fleet);
    this.window = new PublishWindow(config.mqtt().maxInflight());
  }

  /** The devices this run plays, with their scenarios and trajectories. */
  public List<DeviceProfile> fleet() {
    return fleet;
  }

  /** When each device really fails; known before the run starts. */
  public GroundTruth groundTruth() {
    return groundTruth;
  }

  /**
   * Plays the whole run on the calling thread: until the duration or the reading limit is reached,
   * or {@link #stop()} is called. Then marks every device offline and disconnects.
   *
   * @throws SimulatorException when the broker cannot be reached or the ground truth not written
   */
  public RunStats run() {
    if (!played.compareAndSet(false, true)) {
      throw new IllegalStateException("a simulator plays once; create a new one");
    }
    writeGroundTruth();
    LOG.info(
        "fleet devices={} sample_interval_s={} url={} failing={}",
        fleet.size(),
        config.pace().sampleIntervalSeconds(fleet.size()),
        config.mqtt().url(),
        groundTruth.describeFailing(10));
    FleetConnections connections = connect();
    statuses = connections.statusTally();
    startedNanos = System.nanoTime();
    boolean interrupted = false;
    FleetScript script =
        new FleetScript(fleet, config.pace(), config.impairments(), config.fleet().seed());
    FleetPlayer player =
        new FleetPlayer(
            fleet, connections, window, config.mqtt().qos(), config.mqtt().format(), telemetry);
    try {
      player.play(script, startedNanos, () -> stopping, () -> stats().summary());
    } catch (InterruptedException e) {
      interrupted = true;
    } catch (IllegalStateException e) {
      throw new SimulatorException("the run stopped: " + e.getMessage(), e);
    } finally {
      interrupted |= closeInterrupted(connections);
      finishedNanos = System.nanoTime();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    RunStats stats = stats();
    LOG.info(stats.summary());
    return stats;
  }

  /** Starts {@link #run()} on a background thread. */
  public synchronized void start() {
    if (runner != null) {
      throw new IllegalStateException("already started");
    }
    runner = new Thread(this::runInBackground, "forewarn-simulator");
    runner.setDaemon(true);
    runner.start();
  }

  /** Ends the run early, waits until its devices are marked offline, and returns what it did. */
  public RunStats stop() throws InterruptedException {
    stopping = true;
    return awaitCompletion();
  }

  /**
   * Waits for a run started with {@link #start()} to end by itself.
   *
   * @throws SimulatorException when the run failed
   */
  public RunStats awaitCompletion() throws InterruptedException {
    Thread thread;
    synchronized (this) {
      thread = runner;
    }
    if (thread != null) {
      thread.join();
    }
    if (failure != null) {
      throw failure;
    }
    return stats();
  }

  /** What the run has done so far. */
  public RunStats stats() {
    long started = startedNanos;
    long end = finishedNanos != 0 ? finishedNanos : System.nanoTime();
    return new RunStats(
        telemetry.acknowledged(),
        telemetry.failed(),
        statuses.acknowledged(),
        Duration.ofNanos(started == 0 ? 0 : end - started));
  }

  private void runInBackground() {
    try {
      run();
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("simulator run failed: {}", e.getMessage());
    }
  }

  /** Closes the connections; true when that was interrupted. */
  private static boolean closeInterrupted(FleetConnections connections) {
    try {
      connections.close();
      return false;
    } catch (InterruptedException e) {
      return true;
    }
  }

  private FleetConnections connect() {
    List<String> deviceIds = fleet.stream().map(DeviceProfile::deviceId).toList();
    try {
      return FleetConnections.open(config.mqtt(), deviceIds, window);
    } catch (MqttException e) {
      throw new SimulatorException(
          "cannot connect to the MQTT broker at " + config.mqtt().url() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SimulatorException("interrupted while connecting to " + config.mqtt().url(), e);
    }
  }

  private void writeGroundTruth() {
    config
        .groundTruth()
        .ifPresent(
            file -> {
              try {
                groundTruth.write(file);
                LOG.info("ground truth written file={}", file.toAbsolutePath());
              } catch (IOException e) {
                throw new SimulatorException(
                    "cannot write the ground truth to " + file + ": " + e.getMessage(),
                    new UncheckedIOException(e));
              }
            });
  }
}
