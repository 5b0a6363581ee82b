package io.coxswain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodSpec;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The feed that keeps a watch cache in step recovers from a commit it fails to apply. */
class WatchCacheFeedTest {
  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final StoreSettings SETTINGS = SmallStoreSettings.SETTINGS;

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void aCommitThatFailsToApplyMakesTheFeedSubscribeAgainForAFreshSnapshot() {
    TestProbe<ObjectStore.Command> store = testKit.createTestProbe();
    WatchCache cache = new WatchCache(SETTINGS, testKit.system());
    ActorRef<StoreFeed> feed = testKit.spawn(WatchCacheFeed.create(store.ref(), cache, SETTINGS));
    store.expectMessageClass(ObjectStore.Subscribe.class);
    feed.tell(new StoreFeed.Snapshot(StoreState.empty(), store.ref()));

    Pod pod = Pod.of(ObjectMeta.named("default", "a").withResourceVersion("1"), PodSpec.of(List.of()));
    // A change without a key: applying it throws inside the cache.
    feed.tell(new StoreFeed.Committed(List.of(new Change(1, ChangeType.ADDED, null, pod))));
    store.expectMessageClass(ObjectStore.Subscribe.class, Duration.ofSeconds(5));

    Change added = new Change(1, ChangeType.ADDED, new ResourceKey("pods", "default", "a"), pod);
    feed.tell(new StoreFeed.Snapshot(StoreState.empty().apply(List.of(added)), store.ref()));
    await().atMost(Duration.ofSeconds(5)).until(() -> cache.view().revision() == 1);
    assertThat(cache.view().get(added.key())).isEqualTo(pod);
  }
}
