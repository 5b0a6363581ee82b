package io.coxswain.apiserver.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyBudgetTest {
  @Test
  void bigBodiesFitTheTotalAndTheClientsShare() {
    BodyBudget budget = new BodyBudget(10_000, 6_000, 100);
    BodyBudget.Reservation a = budget.tryReserve("a", 5_000);
    assertThat(a).isNotNull();
    assertThat(budget.tryReserve("a", 2_000)).as("past a's share").isNull();
    BodyBudget.Reservation b = budget.tryReserve("b", 5_000);
    assertThat(b).isNotNull();
    assertThat(budget.tryReserve("c", 1_000)).as("past the total").isNull();
    assertThat(budget.used()).isEqualTo(10_000);
    a.release();
    a.release();
    assertThat(budget.used()).isEqualTo(5_000);
    assertThat(budget.tryReserve("c", 1_000)).isNotNull();
  }

  @Test
  void smallBodiesAlwaysPassAndStillCount() {
    BodyBudget budget = new BodyBudget(1_000, 1_000, 100);
    assertThat(budget.tryReserve("a", 1_000)).isNotNull();
    BodyBudget.Reservation small = budget.tryReserve("a", 100);
    assertThat(small).isNotNull();
    assertThat(budget.used()).isEqualTo(1_100);
    assertThat(budget.tryReserve("b", 101)).isNull();
    small.release();
    assertThat(budget.used()).isEqualTo(1_000);
  }
}
