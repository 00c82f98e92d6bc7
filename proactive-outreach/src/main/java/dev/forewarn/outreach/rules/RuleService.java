package dev.forewarn.outreach.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forewarn.outreach.web.BadRequestException;
import dev.forewarn.outreach.web.JsonProblems;
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
 * differs from the newest version becomes the next version, an identical one changes nothing, and
 * versions are never rewritten or removed, so a case keeps pointing at the version that raised it.
 * Activating, deactivating and deleting change which version is in force, never a document.
 *
 * <p>Every change commits first and is then published: the rule's current state (the version in
 * force, or nothing) is read and published under the rule's lock, so publishes of one rule happen
 * in the order of its changes and the broker ends on the latest one, whichever request committed
 * last; what the broker acknowledged is recorded, so the API can tell whether the job sees it.
 */
@Service
public class RuleService {

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
  public record Saved(RuleView rule, boolean created) {}

  /**
   * Stores a rule document as a new rule or the next version of its id; an identical document
   * changes nothing. With {@code activate} the version goes into force (and an identical inactive
   * one is activated); without it, a new version is a draft and the version in force stays.
   */
  public Saved save(String body, boolean activate) {
    ObjectNode tree = objectTree(body);
    Rule candidate = parseAs(tree, 1);
    return write(candidate.id(), tree, activate, false);
  }

  /**
   * Changes an existing rule: the document becomes its next version, in force when the rule has a
   * version in force, a draft otherwise.
   *
   * @throws NotFoundException for an unknown or deleted rule
   */
  public Saved update(String id, String body) {
    ObjectNode tree = objectTree(body);
    if (!tree.has("id")) {
      tree.put("id", id);
    }
    Rule candidate = parseAs(tree, 1);
    if (!candidate.id().equals(id)) {
      throw new BadRequestException("id", "must be the rule id of the path, " + id);
    }
    return write(id, tree, false, true);
  }

  /**
   * Checks a document as {@link #save} would and returns it as it would be stored; stores nothing.
   */
  public JsonNode validate(String body) {
    ObjectNode tree = objectTree(body);
    Rule candidate = parseAs(tree, 1);
    int version = store.latest(candidate.id()).map(rule -> rule.version() + 1).orElse(1);
    return readTree(RuleJson.toJson(parseAs(tree, version)));
  }

  /** A rule as it stands: its newest version. */
  public RuleView find(String id) {
    return RuleView.of(current(id));
  }

  /** Every version of a rule, newest first; versions of a deleted rule stay readable. */
  public List<RuleView> versions(String id) {
    List<StoredRule> versions = store.versions(id);
    if (versions.isEmpty()) {
      throw notFound(id);
    }
    return versions.stream().map(RuleView::of).toList();
  }

  public RuleView version(String id, int version) {
    return store
        .version(id, version)
        .map(RuleView::of)
        .orElseThrow(() -> new NotFoundException("rule " + id + " has no version " + version));
  }

  /** The newest version of every rule that is not deleted. */
  public List<RuleView> list() {
    return store.latestOfEach().stream().map(RuleView::of).toList();
  }

  /** A stored version as the rules library reads it, for a backtest. */
  public Rule rule(String id, Optional<Integer> version) {
    StoredRule stored =
        version.isPresent()
            ? store
                .version(id, version.get())
                .orElseThrow(
                    () -> new NotFoundException("rule " + id + " has no version " + version.get()))
            : current(id);
    return RuleJson.parse(stored.document());
  }

  /** Reads a draft document as {@link #validate} does, without storing it. */
  public Rule draft(JsonNode document) {
    if (document == null || !document.isObject()) {
      throw new BadRequestException("rule", "a rule must be a JSON object");
    }
    return parseAs((ObjectNode) document, 1);
  }

  /** Puts the newest version of a rule in force. */
  public RuleView activate(String id) {
    change(
        id,
        rule -> {
          store.activate(id, rule.version());
          log.info("rule activated rule_id={} version={}", id, rule.version());
        });
    return find(id);
  }

  /** Takes a rule out of force; its versions stay. */
  public RuleView deactivate(String id) {
    change(
        id,
        rule -> {
          store.deactivate(id);
          log.info("rule deactivated rule_id={}", id);
        });
    return find(id);
  }

  /**
   * Deletes a rule: out of force, out of the list; its versions stay readable for the cases they
   * raised, and a later document with its id continues its version numbers.
   */
  public RuleView delete(String id) {
    change(
        id,
        rule -> {
          store.deactivate(id);
          store.markDeleted(id);
          log.info("rule deleted rule_id={}", id);
        });
    return store.latest(id).map(RuleView::of).orElseThrow();
  }

  /**
   * Publishes the rule's current state (its version in force, or an empty payload when it has none)
   * under the rule's lock, so that publishes of one rule happen in the order of its changes and the
   * last one the broker keeps is the current one. Republishing repairs a failed publish.
   *
   * @return whether the broker acknowledged it
   */
  boolean publishCurrent(String id) {
    return Boolean.TRUE.equals(
        tx.execute(
            status -> {
              store.lock(id);
              Optional<StoredRule> latest = store.latest(id);
              if (latest.isEmpty()) {
                return false;
              }
              Integer active = latest.get().activeVersion();
              Optional<String> document =
                  Optional.ofNullable(active)
                      .flatMap(version -> store.version(id, version))
                      .map(rule -> canonical(rule.document()));
              boolean acknowledged = publisher.publish(id, document);
              if (acknowledged) {
                store.markPublished(
                    id, active != null ? active : latest.get().version(), active != null);
              }
              return acknowledged;
            }));
  }

  /** After a restart, the broker gets the state of every rule again, in case a publish was lost. */
  @EventListener(ApplicationReadyEvent.class)
  void republishAll() {
    for (String id : store.ids()) {
      if (!publishCurrent(id)) {
        // No broker configured or reachable: do not wait out a timeout per rule.
        return;
      }
    }
  }

  private Saved write(String id, ObjectNode tree, boolean activate, boolean mustExist) {
    Saved saved = tx.execute(status -> storeNextVersion(id, tree, activate, mustExist));
    log.info(
        "rule {} rule_id={} version={} active={}",
        saved.created() ? "stored" : "unchanged",
        id,
        saved.rule().version(),
        saved.rule().active());
    publishCurrent(id);
    return new Saved(version(id, saved.rule().version()), saved.created());
  }

  private Saved storeNextVersion(String id, ObjectNode tree, boolean activate, boolean mustExist) {
    store.lock(id);
    Optional<StoredRule> latest = store.latest(id);
    boolean live = latest.isPresent() && latest.get().deletedAt() == null;
    if (mustExist && !live) {
      throw notFound(id);
    }
    boolean inForce = activate || (mustExist && latest.get().activeVersion() != null);
    if (live && sameRule(latest.get(), tree)) {
      StoredRule same = latest.get();
      if (inForce && !same.active()) {
        store.activate(id, same.version());
      }
      return new Saved(RuleView.of(same), false);
    }
    int version = latest.map(rule -> rule.version() + 1).orElse(1);
    String document = RuleJson.toJson(parseAs(tree, version));
    return new Saved(RuleView.of(store.add(id, version, document, inForce)), true);
  }

  /** Runs a change of a live rule under its lock, then publishes the rule's state. */
  private void change(String id, java.util.function.Consumer<StoredRule> action) {
    tx.executeWithoutResult(
        status -> {
          store.lock(id);
          StoredRule latest = store.latest(id).orElseThrow(() -> notFound(id));
          if (latest.deletedAt() != null) {
            throw notFound(id);
          }
          action.accept(latest);
        });
    publishCurrent(id);
  }

  private StoredRule current(String id) {
    return store
        .latest(id)
        .filter(rule -> rule.deletedAt() == null)
        .orElseThrow(() -> notFound(id));
  }

  private static NotFoundException notFound(String id) {
    return new NotFoundException("no rule with id " + id);
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
    } catch (StreamConstraintsException e) {
      throw new BadRequestException("$", JsonProblems.parserLimit(e));
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
