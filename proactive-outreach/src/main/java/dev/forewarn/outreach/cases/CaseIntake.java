package dev.forewarn.outreach.cases;

import dev.forewarn.outreach.customers.DeviceRepository;
import dev.forewarn.outreach.customers.Owner;
import dev.forewarn.outreach.outbox.NewOutboxMessage;
import dev.forewarn.outreach.outbox.OutboxRepository;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns case events into cases. Each batch is one transaction: the case change, its outbox messages
 * and the event's processed mark commit together or not at all, so an event is never half handled,
 * and handling it again (a replay, a second instance) changes nothing.
 */
@Service
public class CaseIntake {

  private static final Logger log = LoggerFactory.getLogger(CaseIntake.class);

  private final CaseEventQueue events;
  private final CaseRepository cases;
  private final DeviceRepository devices;
  private final OpeningNotices notices;
  private final OutboxRepository outbox;
  private final TransactionTemplate tx;
  private final IntakeProperties properties;

  CaseIntake(
      CaseEventQueue events,
      CaseRepository cases,
      DeviceRepository devices,
      OpeningNotices notices,
      OutboxRepository outbox,
      TransactionTemplate tx,
      IntakeProperties properties) {
    this.events = events;
    this.cases = cases;
    this.devices = devices;
    this.notices = notices;
    this.outbox = outbox;
    this.tx = tx;
    this.properties = properties;
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
    for (CaseEventRow event : batch) {
      IntakeOutcome outcome =
          switch (event.type()) {
            case OPENED -> open(event);
            case CLEARED -> clear(event);
            // A forecast that moved changes neither the case nor its notifications yet.
            case UPDATED -> IntakeOutcome.skipped(Optional.empty(), "noted: case update");
          };
      events.markProcessed(event.eventId(), outcome);
      messages += outcome.messages();
    }
    if (messages > 0) {
      outbox.wakeDispatchers();
    }
    return batch.size();
  }

  private IntakeOutcome open(CaseEventRow event) {
    Optional<Owner> owner = devices.ownerOf(event.deviceId());
    Optional<String> problem = OpeningNotices.problem(owner);
    Optional<Long> opened = cases.open(event, owner.map(Owner::customerId), problem);
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
    List<NewOutboxMessage> messages =
        owner.map(o -> notices.messages(caseId, event, o)).orElse(List.of());
    int added = (int) messages.stream().filter(outbox::add).count();
    log.info(
        "case opened case_id={} device_id={} rule_id={} rule_version={} severity={}"
            + " notifications={} problem={}",
        caseId,
        event.deviceId(),
        event.ruleId(),
        event.ruleVersion(),
        event.severity(),
        added,
        problem.orElse("-"));
    return IntakeOutcome.of(caseId, "opened case " + caseId, added);
  }

  private IntakeOutcome clear(CaseEventRow event) {
    Optional<Long> cleared = cases.clear(event);
    if (cleared.isEmpty()) {
      log.info(
          "case event skipped event_id={} device_id={} rule_id={}: no open case for this episode",
          event.eventId(),
          event.deviceId(),
          event.ruleId());
      return IntakeOutcome.skipped(Optional.empty(), "skipped: no open case for this episode");
    }
    log.info(
        "case cleared case_id={} device_id={} rule_id={}",
        cleared.get(),
        event.deviceId(),
        event.ruleId());
    return IntakeOutcome.of(cleared.get(), "cleared case " + cleared.get(), 0);
  }
}
