package dev.forewarn.outreach.backtests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forewarn.history.TelemetryHistory;
import dev.forewarn.outreach.history.History;
import dev.forewarn.outreach.rules.RuleService;
import dev.forewarn.outreach.web.BadRequestException;
import dev.forewarn.outreach.web.NotFoundException;
import dev.forewarn.outreach.web.ServiceUnavailableException;
import dev.forewarn.rules.backtest.FailureTimes;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.RuleJson;
import dev.forewarn.rules.document.RuleValidationException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Backtests as resources: a request is checked at once (the rule, the selection, the range), stored
 * as a RUNNING row and answered; the replay runs on a worker of this instance, writing its progress
 * to the row, and ends DONE with the result or FAILED with the reason. However long the range, no
 * request waits for it.
 */
@Service
public class BacktestService implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(BacktestService.class);

  /** The most devices one backtest replays. */
  public static final int MAX_DEVICES = 1000;

  /** Backtests waiting for a worker, at most. */
  static final int QUEUE = 16;

  private final BacktestStore store;
  private final RuleService rules;
  private final History history;
  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;
  private final ThreadPoolExecutor workers =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(QUEUE),
          runnable -> {
            Thread thread = new Thread(runnable, "backtest");
            thread.setDaemon(true);
            return thread;
          });

  BacktestService(
      BacktestStore store,
      RuleService rules,
      History history,
      JdbcClient jdbc,
      ObjectMapper json,
      Clock clock) {
    this.store = store;
    this.rules = rules;
    this.history = history;
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** Checks a request, stores it and starts it; the answer shows it RUNNING. */
  public BacktestView start(BacktestRequest request, String requestedBy) {
    Rule rule = rule(request);
    List<String> devices = devices(request);
    if (request.from() == null) {
      throw new BadRequestException("from", "is required, e.g. 2026-11-01T00:00:00Z");
    }
    if (request.to() == null) {
      throw new BadRequestException("to", "is required, e.g. 2026-11-22T00:00:00Z");
    }
    if (!request.from().isBefore(request.to())) {
      throw new BadRequestException("to", "must be after from");
    }
    Duration early = request.earlyHorizon() == null ? Duration.ofDays(7) : request.earlyHorizon();
    if (early.isNegative()) {
      throw new BadRequestException("earlyHorizon", "must be zero or more");
    }
    TelemetryHistory influx = history.client();
    BacktestRun run =
        new BacktestRun(
            rule,
            devices,
            request.from(),
            request.to(),
            new FailureTimes(request.failures(), early));
    long id =
        store.add(
            write(request),
            RuleJson.toJson(rule),
            devices,
            request.from(),
            request.to(),
            run.steps(),
            requestedBy);
    try {
      workers.execute(() -> execute(id, run, influx));
    } catch (RejectedExecutionException e) {
      store.fail(id, "not started: " + QUEUE + " backtests are already waiting");
      throw new ServiceUnavailableException(
          "too many backtests are waiting; try again when one has finished");
    }
    log.info(
        "backtest started backtest_id={} rule_id={} devices={} from={} to={}",
        id,
        rule.id(),
        devices.size(),
        request.from(),
        request.to());
    return find(id);
  }

  public BacktestView find(long id) {
    return store.find(id).orElseThrow(() -> new NotFoundException("no backtest with id " + id));
  }

  public List<BacktestView> newest(int limit) {
    return store.newest(limit);
  }

  private void execute(long id, BacktestRun run, TelemetryHistory influx) {
    try {
      BacktestResult result =
          run.run(influx, clock.instant(), (done, readings) -> progress(id, done, readings));
      store.finish(id, result.readings(), write(result));
      log.info(
          "backtest done backtest_id={} readings={} cases={}",
          id,
          result.readings(),
          result.cases().size());
    } catch (InterruptedException e) {
      store.fail(id, "the service stopped before it finished");
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("backtest failed backtest_id={}: {}", id, e.toString());
      store.fail(id, String.valueOf(e.getMessage()));
    }
  }

  private void progress(long id, int done, long readings) throws InterruptedException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException();
    }
    store.progress(id, done, readings);
  }

  private Rule rule(BacktestRequest request) {
    JsonNode draft = request.rule() == null || request.rule().isNull() ? null : request.rule();
    if ((draft == null) == (request.ruleId() == null)) {
      throw new BadRequestException("rule", "give either a draft rule document or a ruleId");
    }
    Rule rule;
    if (draft != null) {
      try {
        rule = rules.draft(draft);
      } catch (RuleValidationException e) {
        throw new BadRequestException("rule." + e.field(), e.problem());
      }
    } else {
      try {
        rule = rules.rule(request.ruleId(), Optional.ofNullable(request.ruleVersion()));
      } catch (NotFoundException e) {
        throw new BadRequestException(
            request.ruleVersion() == null ? "ruleId" : "ruleVersion", e.getMessage());
      }
    }
    if (!rule.scope().tags().isEmpty()) {
      throw new BadRequestException(
          "rule.scope.tags",
          "the history keeps no tags, so a rule scoped by tags cannot be replayed");
    }
    return rule;
  }

  private List<String> devices(BacktestRequest request) {
    Set<String> devices = new LinkedHashSet<>();
    for (String device : request.devices()) {
      if (device == null || device.isBlank()) {
        throw new BadRequestException("devices", "a device id is empty");
      }
      devices.add(device);
    }
    if (request.customerId() != null) {
      if (jdbc.sql("SELECT count(*) FROM customers WHERE id = :id")
              .param("id", request.customerId())
              .query(Long.class)
              .single()
          == 0) {
        throw new BadRequestException("customerId", "no customer with id " + request.customerId());
      }
      devices.addAll(
          jdbc.sql("SELECT device_id FROM devices WHERE customer_id = :id ORDER BY device_id")
              .param("id", request.customerId())
              .query(String.class)
              .list());
    }
    if (request.model() != null) {
      devices.addAll(
          jdbc.sql("SELECT device_id FROM devices WHERE model = :model ORDER BY device_id")
              .param("model", request.model())
              .query(String.class)
              .list());
    }
    if (devices.isEmpty()) {
      throw new BadRequestException(
          "devices", "the selection names no device: give devices, a customerId or a model");
    }
    if (devices.size() > MAX_DEVICES) {
      throw new BadRequestException(
          "devices", "the selection has " + devices.size() + " devices, at most " + MAX_DEVICES);
    }
    return List.copyOf(devices);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  @Override
  public void destroy() throws InterruptedException {
    workers.shutdownNow();
    workers.awaitTermination(10, TimeUnit.SECONDS);
  }
}
