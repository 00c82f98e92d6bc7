package dev.forewarn.outreach.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forewarn.outreach.web.BadRequestException;
import dev.forewarn.outreach.web.NotFoundException;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.RuleJson;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Validates, versions, stores and publishes rules. The server numbers the versions: a document that
 * differs from the active version becomes the next version, an identical one changes nothing.
 * Publishing happens after the commit, so the broker never carries a rule the database lacks, and
 * publishes what is current then, under the rule's lock, so the broker ends on the latest change.
 */
@Service
class RuleService {

  private static final Logger log = LoggerFactory.getLogger(RuleService.class);

  private final RuleStore store;
  private final RulePublisher publisher;
  private final TransactionTemplate tx;
  private final ObjectMapper json;

  RuleService(RuleStore store, RulePublisher publisher, TransactionTemplate tx, ObjectMapper json) {
    this.store = store;
    this.publisher = publisher;
    this.tx = tx;
    this.json = json;
  }

  /** A stored version and whether this call created it. */
  record Saved(StoredRule rule, boolean created) {}

  Saved save(String body) {
    ObjectNode tree = objectTree(body);
    Rule candidate = parseAs(tree, 1);
    Saved saved = tx.execute(status -> storeNextVersion(candidate.id(), tree));
    log.info(
        "rule {} rule_id={} version={}",
        saved.created() ? "stored" : "unchanged",
        saved.rule().id(),
        saved.rule().version());
    return saved;
  }

  /**
   * Publishes the rule's current state (its active version, or an empty payload when it has none)
   * under the rule's lock, so that publishes of one rule happen in the order of its changes and the
   * last one the broker keeps is the current one, whichever request's change committed last.
   * Republishing an unchanged rule repairs a failed publish.
   *
   * @return whether the broker acknowledged it
   */
  boolean publishCurrent(String id) {
    return Boolean.TRUE.equals(
        tx.execute(
            status -> {
              store.lock(id);
              Optional<StoredRule> latest = store.latest(id);
              Optional<String> document =
                  latest.filter(StoredRule::active).map(rule -> canonical(rule.document()));
              return publisher.publish(id, document);
            }));
  }

  List<StoredRule> list() {
    return store.latestOfEach();
  }

  /** Deactivates a rule and withdraws it from the broker; returns whether that was acknowledged. */
  boolean deactivate(String id) {
    Boolean known =
        tx.execute(
            status -> {
              store.lock(id);
              if (store.latest(id).isEmpty()) {
                return false;
              }
              store.deactivate(id);
              return true;
            });
    if (!Boolean.TRUE.equals(known)) {
      throw new NotFoundException("no rule with id " + id);
    }
    log.info("rule deactivated rule_id={}", id);
    return publishCurrent(id);
  }

  /** After a restart, the broker gets the state of every rule again, in case a publish was lost. */
  @EventListener(ApplicationReadyEvent.class)
  void republishAll() {
    for (StoredRule rule : store.latestOfEach()) {
      if (!publishCurrent(rule.id())) {
        // No broker configured or reachable: do not wait out a timeout per rule.
        return;
      }
    }
  }

  private Saved storeNextVersion(String id, ObjectNode tree) {
    store.lock(id);
    Optional<StoredRule> latest = store.latest(id);
    if (latest.isPresent() && latest.get().active() && sameRule(latest.get(), tree)) {
      return new Saved(latest.get(), false);
    }
    int version = latest.map(rule -> rule.version() + 1).orElse(1);
    String document = RuleJson.toJson(parseAs(tree, version));
    return new Saved(store.addActive(id, version, document), true);
  }

  private boolean sameRule(StoredRule stored, ObjectNode tree) {
    String candidate = RuleJson.toJson(parseAs(tree, stored.version()));
    return readTree(candidate).equals(readTree(stored.document()));
  }

  /** Versions are the server's to assign: whatever the client sent is replaced. */
  private static Rule parseAs(ObjectNode tree, int version) {
    ObjectNode copy = tree.deepCopy();
    copy.put("version", version);
    return RuleJson.parse(copy.toString());
  }

  private String canonical(String storedDocument) {
    return RuleJson.toJson(RuleJson.parse(storedDocument));
  }

  private ObjectNode objectTree(String body) {
    JsonNode tree;
    try {
      tree = json.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new BadRequestException("$", "not valid JSON: " + e.getOriginalMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw new BadRequestException("$", "a rule must be a JSON object");
    }
    return (ObjectNode) tree;
  }

  private JsonNode readTree(String document) {
    try {
      return json.readTree(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored rule is not JSON", e);
    }
  }
}
