package dev.forewarn.ingest.detection;

import dev.forewarn.ingest.mqtt.MqttRecord;
import dev.forewarn.ingest.mqtt.RetainedSet;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.RuleJson;
import dev.forewarn.rules.document.RuleValidationException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates rule documents received on {@code .../rules/{ruleId}} before they reach the detection.
 * An empty payload removes the rule; an invalid document is logged with the field at fault, counted
 * as {@code invalid_rules} and changes nothing, so the rules already active stay active.
 *
 * <p>It also follows the {@link RetainedSet} markers of the rules reader: the rule ids seen between
 * a connect's start marker and its end marker are the complete retained set, handed on as {@link
 * RuleUpdate#synced}. Runs with parallelism 1, as the rules reader does.
 */
public final class ParseRuleDocuments extends ProcessFunction<MqttRecord, RuleUpdate> {

  private static final Logger LOG = LoggerFactory.getLogger(ParseRuleDocuments.class);

  private transient Counter invalidRules;
  // The token of the connect whose retained set is arriving, and the rule ids seen since it began.
  private transient String syncToken;
  private transient Set<String> retained;

  @Override
  public void open(OpenContext openContext) {
    invalidRules = getRuntimeContext().getMetricGroup().counter("invalid_rules");
    retained = new LinkedHashSet<>();
  }

  @Override
  public void processElement(MqttRecord message, Context ctx, Collector<RuleUpdate> out) {
    String topic = message.topic();
    if (RetainedSet.isSync(topic)) {
      sync(message.payload(), out);
      return;
    }
    String ruleId = topic.substring(topic.lastIndexOf('/') + 1);
    if (message.payload().length == 0) {
      retained.remove(ruleId);
      out.collect(RuleUpdate.removal(ruleId));
      return;
    }
    // Retained, valid or not: an invalid document leaves the active version in place.
    retained.add(ruleId);
    String document = new String(message.payload(), StandardCharsets.UTF_8);
    try {
      Rule rule = RuleJson.parse(document);
      if (!rule.id().equals(ruleId)) {
        refuse(topic, "id: \"" + rule.id() + "\" does not match the topic's rule id");
        return;
      }
      out.collect(new RuleUpdate(ruleId, document));
    } catch (RuleValidationException e) {
      refuse(topic, e.getMessage());
    } catch (RuntimeException e) {
      refuse(topic, "$: unreadable (" + e + ")");
    }
  }

  private void sync(byte[] payload, Collector<RuleUpdate> out) {
    Optional<String> start = RetainedSet.startToken(payload);
    if (start.isPresent()) {
      syncToken = start.get();
      retained.clear();
      return;
    }
    Optional<String> end = RetainedSet.endToken(payload);
    // Another reader's marker, or one of an earlier connect, says nothing about this one.
    if (end.isPresent() && end.get().equals(syncToken)) {
      syncToken = null;
      LOG.info("rules reader has the retained set: {} rules", retained.size());
      out.collect(RuleUpdate.synced(retained));
    }
  }

  private void refuse(String topic, String reason) {
    invalidRules.inc();
    LOG.warn("rule document on {} refused, active rules unchanged: {}", topic, reason);
  }
}
