package dev.forewarn.outreach.rules;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MqttPropertiesTest {

  private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

  @Test
  void ruleTopicPutsTheRuleIdInPlaceOfTheFinalWildcard() {
    MqttProperties run =
        new MqttProperties(
            "tcp://127.0.0.1:1883", Duration.ofSeconds(5), "forewarn/demo/ab12/rules/+");

    assertThat(run.ruleTopic("overheat")).isEqualTo("forewarn/demo/ab12/rules/overheat");
    assertThat(validator.validate(run)).isEmpty();
  }

  @Test
  void rulesTopicWithoutAFinalWildcardOrWithAnotherIsRefusedNamingTheProperty() {
    for (String topic : new String[] {"forewarn/rules", "forewarn/+/rules/+", "forewarn/#", "+"}) {
      Set<ConstraintViolation<MqttProperties>> refused =
          validator.validate(new MqttProperties(null, Duration.ofSeconds(5), topic));

      assertThat(refused).as(topic).hasSize(1);
      assertThat(refused.iterator().next().getPropertyPath()).hasToString("rulesTopic");
    }
  }
}
