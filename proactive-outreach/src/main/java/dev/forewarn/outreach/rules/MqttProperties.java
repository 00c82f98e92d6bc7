package dev.forewarn.outreach.rules;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where rules are published ({@code forewarn.mqtt.*}). Without a URL rules are stored but not
 * published.
 *
 * @param url broker URL, e.g. {@code tcp://127.0.0.1:1883}
 * @param timeout how long connecting and one publish may take
 * @param rulesTopic where rule documents go, the rule id in place of the final {@code +}: the
 *     telemetry job's {@code --rules-topic}, written the same way
 */
@Validated
@ConfigurationProperties("forewarn.mqtt")
public record MqttProperties(
    @Pattern(
            regexp = "(tcp|ssl|ws|wss)://.+",
            message = "must be a broker URL such as tcp://host:1883")
        String url,
    @NotNull @DefaultValue("5s") Duration timeout,
    @NotNull
        @DefaultValue("forewarn/rules/+")
        @Pattern(
            regexp = "([^+#/]+/)+\\+",
            message =
                "must be a topic whose last level, and only that, is +, such as forewarn/rules/+")
        String rulesTopic) {

  public Optional<String> brokerUrl() {
    return url == null || url.isBlank() ? Optional.empty() : Optional.of(url);
  }

  /** The topic of one rule's document. */
  public String ruleTopic(String ruleId) {
    return rulesTopic.substring(0, rulesTopic.length() - 1) + ruleId;
  }
}
