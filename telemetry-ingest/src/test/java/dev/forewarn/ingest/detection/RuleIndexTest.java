package dev.forewarn.ingest.detection;

import static dev.forewarn.ingest.testing.Fixtures.T0;
import static dev.forewarn.ingest.testing.Fixtures.devices;
import static dev.forewarn.ingest.testing.Fixtures.overheating;
import static dev.forewarn.ingest.testing.Fixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.Scope;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RuleIndexTest {

  @Test
  void findsTheRulesOfADeviceByIdAndTheRulesForEveryDevice() {
    RuleIndex index = new RuleIndex();
    index.put(overheating("all", 1));
    index.put(overheating("only-a", 1, devices("dev-a")));
    index.put(overheating("a-and-b", 1, devices("dev-a", "dev-b")));
    index.put(overheating("other-model", 1, new Scope(Set.of(), Set.of("XR-9"))));

    assertThat(ids(index, "dev-a")).containsExactlyInAnyOrder("all", "only-a", "a-and-b");
    assertThat(ids(index, "dev-b")).containsExactlyInAnyOrder("all", "a-and-b");
    assertThat(ids(index, "dev-c")).containsExactly("all");
    assertThat(index.size()).isEqualTo(4);
  }

  @Test
  void aNewVersionMovesTheRuleToItsNewScopeAndARemovalTakesItOut() {
    RuleIndex index = new RuleIndex();
    index.put(overheating("watch", 1, devices("dev-a")));

    index.put(overheating("watch", 2, devices("dev-b")));
    assertThat(ids(index, "dev-a")).isEmpty();
    assertThat(index.rulesFor(reading("dev-b", T0, 1)))
        .extracting(Rule::version)
        .containsExactly(2);

    index.remove("watch");
    assertThat(ids(index, "dev-b")).isEmpty();
    assertThat(index.size()).isZero();
  }

  private static List<String> ids(RuleIndex index, String deviceId) {
    return index.rulesFor(reading(deviceId, T0, 1)).stream()
        .map(Rule::id)
        .collect(Collectors.toList());
  }
}
