package dev.forewarn.rules.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Text that is not a usable JSON object is refused as a whole, or at the field it breaks. */
class RuleJsonTextTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not JSON              | nope                          | $     | not valid JSON",
        "an array              | [1]                           | $     | must be a JSON object",
        "a string              | '\"rule\"'                    | $     | must be a JSON object",
        "blank                 | '   '                         | $     | empty document",
        "two documents         | {\"id\":\"a\"} {}             | $     | unexpected content after",
        "duplicate field       | {\"level\":1,\"level\":2}     | level | appears twice",
        "NaN literal           | {\"level\":NaN}               | level | must be a finite number, got NaN",
        "trailing comma        | {\"id\":\"a\",}               | id    | not valid JSON",
        "cut short             | {\"id\":\"a\"                 | id    | Unexpected end-of-input",
      })
  void refusesBrokenText(String description, String json, String field, String reason) {
    RuleValidationException e =
        catchThrowableOfType(RuleValidationException.class, () -> RuleJson.parse(json));

    assertThat(e).as(description).isNotNull();
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage()).contains(reason).doesNotContain("Source: REDACTED");
  }

  @Test
  void refusesDuplicateFieldInsideScopeWithItsPath() {
    RuleValidationException e =
        catchThrowableOfType(
            RuleValidationException.class,
            () -> RuleJson.parse("{\"scope\":{\"models\":[],\"models\":[\"a\"]}}"));

    assertThat(e.field()).isEqualTo("scope.models");
  }

  @Test
  void refusesNullText() {
    RuleValidationException e =
        catchThrowableOfType(RuleValidationException.class, () -> RuleJson.parse(null));

    assertThat(e.field()).isEqualTo("$");
  }
}
