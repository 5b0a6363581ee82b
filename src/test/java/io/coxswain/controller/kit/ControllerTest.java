package io.coxswain.controller.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.api.ApiException;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodSpec;
import io.coxswain.store.CacheView;
import io.coxswain.store.TestCaches;
import io.coxswain.store.WatchCache;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The controller actor over a real watch cache fed by hand: changes reach the reconciler as keys
 * through informers; one key never runs twice at once and changes meanwhile fold into one more
 * run; failures back off; requeue-after comes back; every key is reconciled at start.
 */
class ControllerTest {
  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static Pod pod(String name, String label) {
    return Pod.of(ObjectMeta.named("default", name).withLabels(Map.of("v", label)), PodSpec.of(List.of()));
  }

  /** A reconciler whose runs the test finishes by hand; it records starts and the most running at once. */
  private static final class Manual implements Controller.Reconciler<String> {
    final List<String> started = new CopyOnWriteArrayList<>();
    final Map<String, CompletableFuture<Controller.Result>> open = new ConcurrentHashMap<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final List<String> keys = new ArrayList<>();

    @Override
    public CompletionStage<Controller.Result> reconcile(String key, CacheView view) {
      started.add(key);
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      CompletableFuture<Controller.Result> result = new CompletableFuture<>();
      assertThat(open.putIfAbsent(key, result)).as("a second run of " + key + " while one is open").isNull();
      return result.whenComplete((r, f) -> running.decrementAndGet());
    }

    void finish(String key, Controller.Result result) {
      open.remove(key).complete(result);
    }

    void fail(String key, Throwable failure) {
      open.remove(key).completeExceptionally(failure);
    }

    long starts(String key) {
      return started.stream().filter(key::equals).count();
    }

    /** The pods in the view (as a real reconciler lists its kind) and any extra keys. */
    @Override
    public Collection<String> keys(CacheView view) {
      List<String> all = new ArrayList<>(keys);
      view.list("pods", null, null, 0, o -> true).items().forEach(p -> all.add(p.metadata().name()));
      return all;
    }
  }

  /**
   * Starts the controller and waits until it has registered its informers (its start-up resync
   * has run), so every change the test makes afterwards reaches it as a change.
   */
  private static ActorRef<Controller.Command> start(WatchCache cache, Manual reconciler, int workers) {
    Controller.Settings settings = new Controller.Settings("test", workers, Duration.ofHours(1), Duration.ofMillis(20),
        Duration.ofSeconds(1));
    ActorRef<Controller.Command> controller = testKit.spawn(Controller.create(settings, cache, reconciler,
        List.of(Informer.forObjects("pods", Pod.class, p -> p.metadata().name())), Clock.systemUTC()));
    TestProbe<Controller.Metrics> probe = testKit.createTestProbe();
    controller.tell(new Controller.GetMetrics(probe.ref()));
    probe.receiveMessage();
    return controller;
  }

  @Test
  void changesDuringARunFoldIntoOneMoreRunNeverBesideIt() {
    WatchCache cache = TestCaches.empty(testKit.system());
    Manual reconciler = new Manual();
    start(cache, reconciler, 4);
    TestCaches.put(cache, "pods", pod("a", "1"));
    await().until(() -> reconciler.open.containsKey("a"));
    for (int i = 2; i <= 20; i++) {
      TestCaches.put(cache, "pods", pod("a", Integer.toString(i)));
    }
    TestCaches.put(cache, "pods", pod("b", "1"));
    await().until(() -> reconciler.open.containsKey("b"));
    assertThat(reconciler.starts("a")).as("not again while open").isEqualTo(1);
    reconciler.finish("a", Controller.Result.DONE);
    await().until(() -> reconciler.open.containsKey("a"));
    reconciler.finish("a", Controller.Result.DONE);
    reconciler.finish("b", Controller.Result.DONE);
    assertThat(reconciler.starts("a")).as("19 changes meanwhile: one more run").isEqualTo(2);
    assertThat(reconciler.mostAtOnce.get()).as("different keys run side by side").isEqualTo(2);
  }

  @Test
  void aFailedRunIsRetriedWithGrowingBackoffAndASuccessResetsIt() {
    WatchCache cache = TestCaches.empty(testKit.system());
    Manual reconciler = new Manual();
    ActorRef<Controller.Command> controller = start(cache, reconciler, 1);
    TestCaches.put(cache, "pods", pod("a", "1"));
    for (int attempt = 1; attempt <= 3; attempt++) {
      await().until(() -> reconciler.open.containsKey("a"));
      reconciler.fail("a", ApiException.conflict("pods", "a", "the object has been modified"));
    }
    await().until(() -> reconciler.open.containsKey("a"));
    reconciler.finish("a", Controller.Result.DONE);
    TestProbe<Controller.Metrics> probe = testKit.createTestProbe();
    await().untilAsserted(() -> {
      controller.tell(new Controller.GetMetrics(probe.ref()));
      Controller.Metrics metrics = probe.receiveMessage();
      assertThat(metrics.retries()).isEqualTo(3);
      assertThat(metrics.failures()).isEqualTo(3);
      assertThat(metrics.reconciles()).isEqualTo(4);
      assertThat(metrics.depth()).isZero();
    });
    assertThat(reconciler.starts("a")).isEqualTo(4);
  }

  @Test
  void requeueAfterRunsTheKeyAgainWithoutAnyChange() {
    WatchCache cache = TestCaches.empty(testKit.system());
    Manual reconciler = new Manual();
    start(cache, reconciler, 1);
    TestCaches.put(cache, "pods", pod("a", "1"));
    await().until(() -> reconciler.open.containsKey("a"));
    reconciler.finish("a", Controller.Result.requeueAfter(Duration.ofMillis(50)));
    await().until(() -> reconciler.open.containsKey("a"));
    reconciler.finish("a", Controller.Result.DONE);
    assertThat(reconciler.starts("a")).isEqualTo(2);
  }

  @Test
  void everyKeyIsReconciledAtStartAndNothingElseWithoutChanges() {
    WatchCache cache = TestCaches.empty(testKit.system());
    Manual reconciler = new Manual();
    reconciler.keys.addAll(List.of("x", "y"));
    start(cache, reconciler, 4);
    await().until(() -> reconciler.open.keySet().equals(java.util.Set.of("x", "y")));
    reconciler.finish("x", Controller.Result.DONE);
    reconciler.finish("y", Controller.Result.DONE);
    TestCaches.put(cache, "nodes", io.coxswain.api.core.Node.of(ObjectMeta.named(null, "n1"), null, null));
    TestCaches.put(cache, "pods", pod("z", "1"));
    await().until(() -> reconciler.open.containsKey("z"));
    assertThat(reconciler.started).as("a node change is not this controller's").containsExactlyInAnyOrder("x", "y", "z");
  }
}
