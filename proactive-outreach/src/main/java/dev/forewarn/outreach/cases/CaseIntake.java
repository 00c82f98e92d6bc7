package dev.forewarn.outreach.cases;

import dev.forewarn.outreach.config.OutreachProperties;
import dev.forewarn.outreach.customers.Device;
import dev.forewarn.outreach.customers.DeviceRepository;
import dev.forewarn.outreach.outbox.OutboxRepository;
import dev.forewarn.outreach.preferences.RoutePlanner;
import dev.forewarn.outreach.preferences.RouteStep;
import dev.forewarn.outreach.templates.Step;
import dev.forewarn.outreach.timeline.Timeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns case events into cases. Each batch is one transaction: the case change, its timeline, its
 * outbox messages and the event's processed mark commit together or not at all, so an event is
 * never half handled, and handling it again (a replay, a second instance) changes nothing.
 */
@Service
public class CaseIntake {

  private static final Logger log = LoggerFactory.getLogger(CaseIntake.class);

  private final CaseEventQueue events;
  private final CaseRepository cases;
  private final DeviceRepository devices;
  private final RoutePlanner routes;
  private final CaseThread thread;
  private final CaseGrouping grouping;
  private final Timeline timeline;
  private final OutboxRepository outbox;
  private final TransactionTemplate tx;
  private final IntakeProperties properties;
  private final OutreachProperties outreach;

  CaseIntake(
      CaseEventQueue events,
      CaseRepository cases,
      DeviceRepository devices,
      RoutePlanner routes,
      CaseThread thread,
      CaseGrouping grouping,
      Timeline timeline,
      OutboxRepository outbox,
      TransactionTemplate tx,
      IntakeProperties properties,
      OutreachProperties outreach) {
    this.events = events;
    this.cases = cases;
    this.devices = devices;
    this.routes = routes;
    this.thread = thread;
    this.grouping = grouping;
    this.timeline = timeline;
    this.outbox = outbox;
    this.tx = tx;
    this.properties = properties;
    this.outreach = outreach;
  }

  /**
   * Handles every unprocessed case event.
   *
   * @return how many events it handled
   */
  public int drain() {
    int total = 0;
    int handled;
    do {
      handled = tx.execute(status -> handleBatch());
      total += handled;
    } while (handled == properties.batchSize());
    return total;
  }

  private int handleBatch() {
    events.serialise();
    List<CaseEventRow> batch = events.lockUnprocessed(properties.batchSize());
    int messages = 0;
    List<CaseEventQueue.Processed> processed = new ArrayList<>(batch.size());
    Map<String, Device> owned =
        devices.find(
            batch.stream()
                .filter(event -> event.type() == EventType.OPENED)
                .map(CaseEventRow::deviceId)
                .collect(Collectors.toSet()));
    RoutePlanner.Routes routing = routes.forDevices(owned.values());
    // Early clears are rare: one look per batch spares every open a look of its own.
    boolean anyAwaiting = events.anyAwaitingOpen();
    for (CaseEventRow event : batch) {
      IntakeOutcome outcome = handle(event, owned, routing);
      CaseEventQueue.Processed done = new CaseEventQueue.Processed(event.eventId(), outcome);
      if (outcome.awaitingOpen()) {
        // Marked at once, so that an open later in this batch finds it.
        events.markProcessed(List.of(done));
        anyAwaiting = true;
      } else {
        processed.add(done);
      }
      messages += outcome.messages();
      if (anyAwaiting
          && event.type() == EventType.OPENED
          && (outcome.description().startsWith("opened")
              || outcome.description().startsWith("continued"))) {
        messages += applyAwaiting(event);
      }
    }
    events.markProcessed(processed);
    if (messages > 0) {
      outbox.wakeDispatchers();
    }
    return batch.size();
  }

  private IntakeOutcome handle(
      CaseEventRow event, Map<String, Device> owned, RoutePlanner.Routes routing) {
    switch (event.type()) {
      case OPENED:
        return open(event, Optional.ofNullable(owned.get(event.deviceId())), routing);
      case UPDATED:
        return update(event);
      case SUPERSEDED:
        return supersede(event);
      default:
        return clear(event);
    }
  }

  /**
   * Applies, in their order, the clears and updates of the episode an open just opened that arrived
   * before it.
   *
   * @return the outbox messages they added
   */
  private int applyAwaiting(CaseEventRow opened) {
    List<CaseEventRow> early = events.awaitingOpen(opened);
    if (early.isEmpty()) {
      return 0;
    }
    int messages = 0;
    List<CaseEventQueue.Processed> processed = new ArrayList<>(early.size());
    for (CaseEventRow event : early) {
      IntakeOutcome outcome = handle(event, Map.of(), null);
      processed.add(new CaseEventQueue.Processed(event.eventId(), outcome));
      messages += outcome.messages();
    }
    events.markProcessed(processed);
    return messages;
  }

  private IntakeOutcome open(
      CaseEventRow event, Optional<Device> device, RoutePlanner.Routes routing) {
    List<RouteStep> route = device.map(d -> routing.plan(d, event.severity())).orElse(List.of());
    Optional<String> problem =
        device.isEmpty()
            ? Optional.of("device has no owner")
            : route.isEmpty()
                ? Optional.of(
                    "no channel to reach the owner on (no contact point, opted out or STOP)")
                : Optional.empty();
    Optional<Long> opened = cases.open(event, device.map(Device::customerId), problem);
    if (opened.isEmpty() && !cases.episodeKnown(event)) {
      Optional<CaseRepository.Updated> continued = cases.continueWith(event);
      if (continued.isPresent()) {
        return tookIn(
            event,
            continued.get(),
            "CONTINUED",
            "the episode from "
                + event.episodeStart()
                + " continues this case (the job no longer held the one that opened it): ");
      }
    }
    if (opened.isEmpty()) {
      Optional<Long> existing = cases.conflicting(event);
      log.info(
          "case event skipped event_id={} device_id={} rule_id={} case_id={}: case exists",
          event.eventId(),
          event.deviceId(),
          event.ruleId(),
          existing.map(String::valueOf).orElse("-"));
      return IntakeOutcome.skipped(
          existing, "skipped: a case for this episode or an open case exists");
    }
    long caseId = opened.get();
    timeline.add(caseId, "OPENED", event.severity() + ": " + event.summary());
    problem.ifPresent(p -> timeline.add(caseId, "NOT_NOTIFIED", p));
    int added = 0;
    if (!route.isEmpty()) {
      thread.saveRoute(caseId, route);
      if (grouping.joinWaitingMessage(caseId, route.get(0).customerId(), event.severity())) {
        added = 1;
      } else {
        Instant notBefore = Instant.now().plus(outreach.groupWindow());
        RouteStep first = route.get(0);
        boolean secondary = first.customerId() != device.get().customerId();
        added =
            thread.queue(caseId, Step.OPENED, Step.OPENED.code(), first, secondary, notBefore)
                ? 1
                : 0;
      }
    }
    log.info(
        "case opened case_id={} device_id={} rule_id={} rule_version={} severity={}"
            + " route={} problem={}",
        caseId,
        event.deviceId(),
        event.ruleId(),
        event.ruleVersion(),
        event.severity(),
        route.size(),
        problem.orElse("-"));
    return IntakeOutcome.of(caseId, "opened case " + caseId, added);
  }

  /** Takes in the new evidence; tells the customer again only when the severity rose. */
  private IntakeOutcome update(CaseEventRow event) {
    Optional<CaseRepository.Updated> updated = cases.update(event);
    if (updated.isEmpty()) {
      return cases.episodeKnown(event)
          ? IntakeOutcome.skipped(Optional.empty(), "skipped: no open case for this episode")
          : awaitingOpen(event);
    }
    return tookIn(event, updated.get(), "UPDATED", "");
  }

  /**
   * Records evidence an open case has taken in, on its timeline as {@code kind}, and tells the
   * customer again only when the severity rose.
   */
  private IntakeOutcome tookIn(
      CaseEventRow event, CaseRepository.Updated updated, String kind, String note) {
    long caseId = updated.caseId();
    boolean rose = event.severity().compareTo(updated.before()) > 0;
    timeline.add(
        caseId,
        kind,
        note + (rose ? "severity rose to " + event.severity() + ": " : "") + event.summary());
    int added = 0;
    if (rose) {
      int position = thread.workingPosition(caseId).orElse(0);
      String step = Step.UPDATED.code() + "-" + event.severity().name().toLowerCase();
      added = thread.queue(caseId, Step.UPDATED, step, position, null) ? 1 : 0;
    }
    log.info(
        "case {} case_id={} device_id={} rule_id={} severity={} renotified={}",
        kind.toLowerCase(),
        caseId,
        event.deviceId(),
        event.ruleId(),
        event.severity(),
        added > 0);
    return IntakeOutcome.of(caseId, kind.toLowerCase() + " case " + caseId, added);
  }

  /**
   * Closes the case whose rule no longer watches the device (replaced, removed, out of scope, or
   * the device's state expired), so a later case of the same device and rule can open. Messages
   * still waiting are not sent (the outbox gate sees the case closed), and no all-clear follows:
   * nothing says the fault is gone.
   */
  private IntakeOutcome supersede(CaseEventRow event) {
    Optional<Long> closed = cases.clear(event);
    if (closed.isEmpty() && !cases.episodeKnown(event)) {
      return awaitingOpen(event);
    }
    if (closed.isEmpty()) {
      return IntakeOutcome.skipped(Optional.empty(), "skipped: no open case for this episode");
    }
    long caseId = closed.get();
    timeline.add(caseId, "SUPERSEDED", event.summary());
    log.info(
        "case superseded case_id={} device_id={} rule_id={}: {}",
        caseId,
        event.deviceId(),
        event.ruleId(),
        event.summary());
    return IntakeOutcome.of(caseId, "superseded case " + caseId, 0);
  }

  /**
   * Keeps a clear, supersede or update whose episode has not been opened yet: the job may have
   * committed it before its open. It is applied once the open arrives.
   */
  private IntakeOutcome awaitingOpen(CaseEventRow event) {
    log.info(
        "case event kept event_id={} type={} device_id={} rule_id={}: waiting for its open",
        event.eventId(),
        event.type(),
        event.deviceId(),
        event.ruleId());
    return IntakeOutcome.awaitingItsOpen();
  }

  /**
   * Clears the case. Messages about it still waiting are not sent (the outbox gate sees the clear);
   * if one went out, an all-clear follows on the channel that worked.
   */
  private IntakeOutcome clear(CaseEventRow event) {
    Optional<Long> cleared = cases.clear(event);
    if (cleared.isEmpty() && !cases.episodeKnown(event)) {
      return awaitingOpen(event);
    }
    if (cleared.isEmpty()) {
      log.info(
          "case event skipped event_id={} device_id={} rule_id={}: no open case for this episode",
          event.eventId(),
          event.deviceId(),
          event.ruleId());
      return IntakeOutcome.skipped(Optional.empty(), "skipped: no open case for this episode");
    }
    long caseId = cleared.get();
    timeline.add(caseId, "CLEARED", event.summary());
    Optional<Integer> worked = thread.workingPosition(caseId);
    boolean allClear =
        worked.isPresent()
            && thread.queue(caseId, Step.ALL_CLEAR, Step.ALL_CLEAR.code(), worked.get(), null);
    log.info(
        "case cleared case_id={} device_id={} rule_id={} all_clear={}",
        caseId,
        event.deviceId(),
        event.ruleId(),
        allClear);
    return IntakeOutcome.of(caseId, "cleared case " + caseId, allClear ? 1 : 0);
  }
}
