package io.coxswain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.coxswain.api.ApiException;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class WatchCacheTest {
  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final StoreSettings SETTINGS = SmallStoreSettings.SETTINGS;

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static Pod pod(String name, String app, long rv) {
    return Pod.of(ObjectMeta.named("default", name).withLabels(Map.of("app", app)).withResourceVersion(Long.toString(rv)),
        PodSpec.of(List.of()));
  }

  private static Change change(long rev, ChangeType type, Pod pod) {
    return new Change(rev, type, new ResourceKey("pods", "default", pod.metadata().name()), pod);
  }

  private static List<String> take(WatchCache cache, WatchRequest request, int n) throws Exception {
    return cache.watch(request).take(n).map(e -> e.type() + " " + e.object().metadata().name() + "@" + e.revision())
        .runWith(Sink.seq(), testKit.system()).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  /**
   * A watcher whose consumer went away before the cache forgot it (the termination callback runs
   * later, on another thread): the next change finds its queue closed. That change must still be
   * applied and its waiters released — it once threw out of apply, and every write then hung.
   */
  @Test
  void aWatcherWhoseConsumerWentAwayDoesNotStopTheCache() throws Exception {
    WatchCache cache = new WatchCache(SETTINGS, testKit.system());
    cache.reset(StoreState.empty());
    var queued = Source.<WatchEvent>queue(4).preMaterialize(testKit.system());
    cache.register(new WatchRequest("pods", "default", o -> true, 0, false), queued.first());
    queued.second().viaMat(KillSwitches.single(), Keep.right()).to(Sink.ignore()).run(testKit.system()).shutdown();
    // Once the cancellation reaches the queue, offers fail (Failure(NoMoreElementsNeeded)).
    await().atMost(Duration.ofSeconds(5)).until(() -> {
      QueueOfferResult offered = queued.first().offer(new WatchEvent(ChangeType.BOOKMARK, null, 0));
      return offered != QueueOfferResult.enqueued() && offered != QueueOfferResult.dropped();
    });

    var written = cache.awaitRevision(1).toCompletableFuture();
    assertThat(cache.apply(List.of(change(1, ChangeType.ADDED, pod("a", "web", 1))))).isTrue();
    assertThat(written.get(5, TimeUnit.SECONDS)).isEqualTo(1L);
    assertThat(cache.apply(List.of(change(2, ChangeType.ADDED, pod("b", "web", 2))))).isTrue();
    assertThat(cache.view().revision()).isEqualTo(2L);
  }

  /**
   * A writer told its revision is applied runs its next step at once (often on the feed's thread):
   * that step may use the cache from another thread, so it must not run under the cache's lock.
   */
  @Test
  void waitingWritersAreReleasedOutsideTheCachesLock() throws Exception {
    WatchCache cache = new WatchCache(SETTINGS, testKit.system());
    cache.reset(StoreState.empty());
    var otherThreadGotIn = cache.awaitRevision(1).thenApply(revision -> {
      // While this callback runs, another thread takes the cache's lock (awaitRevision does).
      var other = java.util.concurrent.CompletableFuture.supplyAsync(() -> cache.awaitRevision(0));
      try {
        other.get(2, TimeUnit.SECONDS);
        return true;
      } catch (Exception blocked) {
        return false;
      }
    }).toCompletableFuture();
    assertThat(cache.apply(List.of(change(1, ChangeType.ADDED, pod("a", "web", 1))))).isTrue();
    assertThat(otherThreadGotIn.get(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void replaysTheWindowThenLiveChangesInOrderAndTranslatesSelectorTransitions() throws Exception {
    WatchCache cache = new WatchCache(SETTINGS, testKit.system());
    cache.reset(StoreState.empty());
    assertThat(cache.apply(List.of(change(1, ChangeType.ADDED, pod("a", "web", 1)),
        change(2, ChangeType.ADDED, pod("b", "db", 2))))).isTrue();
    WatchRequest webOnly = new WatchRequest("pods", "default",
        (KubeObject o) -> "web".equals(o.metadata().labelsOrEmpty().get("app")), 1, false);
    var events = cache.watch(webOnly).take(3)
        .map(e -> e.type() + " " + e.object().metadata().name() + "@" + e.revision())
        .runWith(Sink.seq(), testKit.system());
    cache.apply(List.of(change(3, ChangeType.MODIFIED, pod("b", "web", 3)),
        change(4, ChangeType.MODIFIED, pod("a", "db", 4)),
        change(5, ChangeType.DELETED, pod("b", "web", 5))));
    assertThat(events.toCompletableFuture().get(5, TimeUnit.SECONDS))
        .containsExactly("ADDED b@3", "DELETED a@4", "DELETED b@5");
  }

  @Test
  void fromZeroListsCurrentObjectsFirst() throws Exception {
    WatchCache cache = new WatchCache(SETTINGS, testKit.system());
    cache.reset(StoreState.empty());
    cache.apply(List.of(change(1, ChangeType.ADDED, pod("a", "web", 1))));
    assertThat(take(cache, new WatchRequest("pods", null, o -> true, 0, false), 1)).containsExactly("ADDED a@1");
  }

  @Test
  void revisionsOlderThanTheWindowAreGoneAndGapsAreRefused() {
    WatchCache cache = new WatchCache(SETTINGS, testKit.system());
    cache.reset(StoreState.empty());
    for (long r = 1; r <= 10; r++) {
      cache.apply(List.of(change(r, ChangeType.ADDED, pod("p" + r, "web", r))));
    }
    assertThatThrownBy(() -> cache.watch(new WatchRequest("pods", null, o -> true, 2, false)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(410));
    assertThat(cache.apply(List.of(change(12, ChangeType.ADDED, pod("gap", "web", 12))))).isFalse();
    assertThat(cache.apply(List.of(change(10, ChangeType.ADDED, pod("p10", "web", 10))))).as("already applied").isTrue();
    assertThat(cache.view().revision()).isEqualTo(10);
  }

  private static Pod onNode(String name, String node, long rv) {
    Pod pod = pod(name, "web", rv);
    return node == null ? pod : io.coxswain.api.PodScheduling.bound(pod, node, "2026-11-27T00:00:00Z");
  }

  @Test
  void aNodesPodWatchSeesOnlyThatNodesPodsIncludingBindingAndDeletion() throws Exception {
    WatchCache cache = new WatchCache(SETTINGS, testKit.system());
    cache.reset(StoreState.empty());
    cache.apply(List.of(change(1, ChangeType.ADDED, onNode("x", null, 1))));
    WatchRequest nodeA = new WatchRequest("pods", null,
        (KubeObject o) -> "a".equals(((Pod) o).spec().nodeName()), 1, false, "a");
    var events = cache.watch(nodeA).take(3)
        .map(e -> e.type() + " " + e.object().metadata().name() + "@" + e.revision())
        .runWith(Sink.seq(), testKit.system());
    cache.apply(List.of(change(2, ChangeType.ADDED, onNode("on-b", "b", 2)),
        change(3, ChangeType.MODIFIED, onNode("x", "a", 3)),            // bound to a: ADDED for a
        change(4, ChangeType.ADDED, onNode("on-a", "a", 4)),
        change(5, ChangeType.MODIFIED, onNode("on-b", "b", 5)),
        change(6, ChangeType.DELETED, onNode("x", "a", 6))));
    assertThat(events.toCompletableFuture().get(5, TimeUnit.SECONDS))
        .containsExactly("ADDED x@3", "ADDED on-a@4", "DELETED x@6");
  }
}
