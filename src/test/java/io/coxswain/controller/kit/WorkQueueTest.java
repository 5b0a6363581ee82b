package io.coxswain.controller.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.testing.ManualClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  private final ManualClock clock = new ManualClock();
  private final WorkQueue<String> queue = new WorkQueue<>(clock, Duration.ofMillis(5), Duration.ofSeconds(1));

  @Test
  void aKeyAddedManyTimesIsHandedOutOnce() {
    queue.add("default/a");
    queue.add("default/b");
    queue.add("default/a");
    assertThat(queue.depth()).isEqualTo(2);
    assertThat(queue.take()).contains("default/a");
    assertThat(queue.take()).contains("default/b");
    assertThat(queue.take()).isEmpty();
    assertThat(queue.adds()).isEqualTo(3);
  }

  @Test
  void aKeyIsNeverWorkedOnTwiceAtOnce() {
    queue.add("a");
    assertThat(queue.take()).contains("a");
    queue.add("a"); // changed while being reconciled
    queue.add("a");
    assertThat(queue.take()).as("not handed out while in progress").isEmpty();
    queue.done("a");
    assertThat(queue.take()).as("queued again, once, when done").contains("a");
    queue.done("a");
    assertThat(queue.take()).isEmpty();
  }

  @Test
  void failuresBackOffExponentiallyPerKeyUntilForgotten() {
    assertThat(queue.backoff(1)).isEqualTo(Duration.ofMillis(5));
    assertThat(queue.backoff(2)).isEqualTo(Duration.ofMillis(10));
    assertThat(queue.backoff(4)).isEqualTo(Duration.ofMillis(40));
    assertThat(queue.backoff(30)).isEqualTo(Duration.ofSeconds(1));

    queue.add("a");
    queue.take();
    queue.addRateLimited("a");
    queue.done("a");
    assertThat(queue.take()).isEmpty();
    assertThat(queue.nextDelay()).contains(Duration.ofMillis(5));
    clock.advance(Duration.ofMillis(5));
    assertThat(queue.take()).contains("a");
    queue.addRateLimited("a"); // second failure in a row: 10 ms
    queue.done("a");
    clock.advance(Duration.ofMillis(9));
    assertThat(queue.take()).isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(queue.take()).contains("a");
    queue.forget("a");
    queue.addRateLimited("a"); // after a success: from 5 ms again
    queue.done("a");
    assertThat(queue.nextDelay()).contains(Duration.ofMillis(5));
    assertThat(queue.retries()).isEqualTo(3);
  }

  @Test
  void requeueAfterHandsTheKeyOutOnceTheDelayHasPassed() {
    queue.addAfter("a", Duration.ofSeconds(30));
    queue.addAfter("b", Duration.ofSeconds(10));
    assertThat(queue.take()).isEmpty();
    assertThat(queue.nextDelay()).contains(Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(10));
    assertThat(queue.nextDelay()).contains(Duration.ZERO);
    assertThat(queue.take()).contains("b");
    clock.advance(Duration.ofSeconds(20));
    assertThat(queue.take()).contains("a");
    assertThat(queue.nextDelay()).isEqualTo(Optional.empty());
  }

  @Test
  void aKeyDelayedTwiceWaitsOnlyForTheEarlierTime() {
    queue.addAfter("a", Duration.ofSeconds(30));
    queue.addAfter("a", Duration.ofSeconds(10));
    queue.addAfter("a", Duration.ofSeconds(20));
    assertThat(queue.delayedCount()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(10));
    assertThat(queue.take()).contains("a");
    queue.done("a");
    clock.advance(Duration.ofSeconds(30));
    assertThat(queue.take()).as("the later times were dropped, not kept as extra runs").isEmpty();
    assertThat(queue.nextDelay()).isEmpty();
  }

  @Test
  void theWaitOfEachKeyIsMeasured() {
    queue.add("a");
    clock.advance(Duration.ofMillis(250));
    queue.take();
    assertThat(queue.lastWait()).isEqualTo(Duration.ofMillis(250));
  }
}
