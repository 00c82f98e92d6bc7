package dev.forewarn.ingest.detection;

import dev.forewarn.ingest.mqtt.MqttRecord;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.RuleJson;
import dev.forewarn.rules.document.RuleValidationException;
import java.nio.charset.StandardCharsets;
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
 */
public final class ParseRuleDocuments extends ProcessFunction<MqttRecord, RuleUpdate> {

  private static final Logger LOG = LoggerFactory.getLogger(ParseRuleDocuments.class);

  private transient Counter invalidRules;

  @Override
  public void open(OpenContext openContext) {
    invalidRules = getRuntimeContext().getMetricGroup().counter("invalid_rules");
  }

  @Override
  public void processElement(MqttRecord message, Context ctx, Collector<RuleUpdate> out) {
    String topic = message.topic();
    String ruleId = topic.substring(topic.lastIndexOf('/') + 1);
    if (message.payload().length == 0) {
      out.collect(RuleUpdate.removal(ruleId));
      return;
    }
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

  private void refuse(String topic, String reason) {
    invalidRules.inc();
    LOG.warn("rule document on {} refused, active rules unchanged: {}", topic, reason);
  }
}
