package io.coxswain.apiserver.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InFlightTest {
  @Test
  void eachKindHasItsOwnSeatsAndASeatIsReleasedOnce() {
    InFlight inFlight = new InFlight(1, 1, 1);
    InFlight.Seat read = inFlight.tryAcquire(InFlight.Kind.READ_ONLY);
    assertThat(read).isNotNull();
    assertThat(inFlight.tryAcquire(InFlight.Kind.READ_ONLY)).isNull();
    assertThat(inFlight.tryAcquire(InFlight.Kind.MUTATING)).isNotNull();
    assertThat(inFlight.tryAcquire(InFlight.Kind.LONG_RUNNING)).isNotNull();
    read.release();
    read.release();
    assertThat(inFlight.tryAcquire(InFlight.Kind.READ_ONLY)).isNotNull();
    assertThat(inFlight.tryAcquire(InFlight.Kind.READ_ONLY)).as("a double release gave no extra seat").isNull();
  }
}
