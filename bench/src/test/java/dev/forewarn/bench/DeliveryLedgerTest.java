package dev.forewarn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

  private static final long MS = 1_000_000;
  private static final String ALICE = "+15550000001";
  private static final String BOB = "+15550000002";
  private static final String CAROL = "+15550000003";

  @Test
  void latencyRunsFromOpeningToTheFirstRequestOfMeasuredCasesOnly() {
    DeliveryLedger ledger = new DeliveryLedger();
    ledger.opened(ALICE, 1_000 * MS, false); // warm-up
    ledger.opened(BOB, 2_000 * MS, true);
    ledger.opened(CAROL, 3_000 * MS, true);
    ledger.requested(ALICE, "Hi Alice. Case #1", 1_900 * MS);
    ledger.requested(BOB, "Hi Bob. Case #2", 2_150 * MS);
    ledger.requested(CAROL, "Hi Carol. Case #3", 3_040 * MS);

    assertThat(ledger.latenciesMillis()).containsExactlyInAnyOrder(150.0, 40.0);
    assertThat(ledger.delivered()).isEqualTo(3);
    assertThat(ledger.firstMeasuredOpening()).hasValue(2_000 * MS);
    assertThat(ledger.lastMeasuredDelivery()).hasValue(3_040 * MS);
    assertThat(ledger.duplicates()).isZero();
  }

  @Test
  void aRepeatedRecipientAndTextIsADuplicateAndDoesNotMoveTheFirstRequest() {
    DeliveryLedger ledger = new DeliveryLedger();
    ledger.opened(BOB, 0, true);
    assertThat(ledger.requested(BOB, "Hi Bob. Case #2", 100 * MS)).isFalse();
    assertThat(ledger.requested(BOB, "Hi Bob. Case #2", 900 * MS)).isTrue();

    assertThat(ledger.duplicates()).isEqualTo(1);
    assertThat(ledger.requests()).isEqualTo(2);
    assertThat(ledger.delivered()).isEqualTo(1);
    assertThat(ledger.latenciesMillis()).containsExactly(100.0);
  }

  @Test
  void theSameCaseNumberInADifferentTextIsADuplicate() {
    DeliveryLedger ledger = new DeliveryLedger();
    ledger.requested(BOB, "Hi Bob. Case #2", 0);
    assertThat(ledger.requested(CAROL, "Hello again. Case #2", 0)).isTrue();
    assertThat(ledger.requested(CAROL, "Hello. Case #20", 0)).isFalse();
    assertThat(ledger.duplicates()).isEqualTo(1);
  }

  @Test
  void differentTextsWithoutACaseNumberAreNotDuplicates() {
    DeliveryLedger ledger = new DeliveryLedger();
    assertThat(ledger.requested(BOB, "first", 0)).isFalse();
    assertThat(ledger.requested(BOB, "second", 0)).isFalse();
    assertThat(DeliveryLedger.caseNumber("no number here")).isEmpty();
    assertThat(DeliveryLedger.caseNumber("Case #42")).hasValue("42");
  }

  @Test
  void aCaseWithoutAnyRequestIsNotDeliveredAndHasNoLatency() {
    DeliveryLedger ledger = new DeliveryLedger();
    ledger.opened(ALICE, 0, true);
    assertThat(ledger.delivered()).isZero();
    assertThat(ledger.latenciesMillis()).isEmpty();
    assertThat(ledger.lastMeasuredDelivery()).isEmpty();
  }

  @Test
  void latenciesAreGroupedByWhenTheirCaseOpenedFromTheFirstMeasuredOpening() {
    DeliveryLedger ledger = new DeliveryLedger();
    ledger.opened(ALICE, 0, false); // warm-up: not in any window
    ledger.opened(BOB, 1_000 * MS, true);
    ledger.opened(CAROL, 7_000 * MS, true);
    ledger.requested(ALICE, "a", 10 * MS);
    ledger.requested(BOB, "b", 1_200 * MS);
    ledger.requested(CAROL, "c", 7_050 * MS);

    var windows = ledger.latenciesByWindow(5_000 * MS);

    assertThat(windows.keySet()).containsExactly(0, 1);
    assertThat(windows.get(0)).containsExactly(200.0);
    assertThat(windows.get(1)).containsExactly(50.0);
  }
}
