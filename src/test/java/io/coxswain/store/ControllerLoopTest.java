package io.coxswain.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A controller loop outlives a pass that throws: it restarts after a backoff and runs again. */
class ControllerLoopTest {
  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final StoreSettings SETTINGS = SmallStoreSettings.SETTINGS;

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void aPassThatThrowsDoesNotStopTheLoop() {
    WatchCache cache = new WatchCache(SETTINGS, testKit.system());
    cache.reset(StoreState.empty());
    TestProbe<ObjectStore.Command> store = testKit.createTestProbe();
    StoreClient client = new StoreClient(store.ref(), cache, testKit.system(), Duration.ofSeconds(5));
    TestProbe<Integer> passes = testKit.createTestProbe();
    AtomicInteger calls = new AtomicInteger();
    testKit.spawn(ControllerLoop.create("test", client, Duration.ofMillis(20), view -> {
      int call = calls.incrementAndGet();
      passes.ref().tell(call);
      if (call == 1) {
        throw new IllegalStateException("an object this pass did not expect");
      }
      return List.of();
    }));
    passes.expectMessage(1);
    passes.expectMessage(Duration.ofSeconds(5), 2);
  }
}
