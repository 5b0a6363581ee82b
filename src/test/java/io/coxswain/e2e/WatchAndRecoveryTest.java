package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.testing.Http;
import io.coxswain.testing.TestNode;
import io.coxswain.testing.WatchStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Watch semantics over HTTP (resume, exactly once, bookmarks, 410 Gone) and recovery from snapshots. */
@Tag("integration")
class WatchAndRecoveryTest {
  private static final String PODS = "/api/v1/namespaces/default/pods";
  private static final Map<String, Object> SMALL = Map.of(
      "coxswain.store.bookmark-interval", "200ms",
      "coxswain.store.watch-window", 20,
      "coxswain.store.snapshot-every-changes", 25,
      // No heartbeats between the writes whose revisions these tests predict.
      "coxswain.node.heartbeat-interval", "1h",
      "coxswain.scheduler.enabled", false,
      "coxswain.controllers.enabled", false);

  private static String pod(String name) {
    return "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}";
  }

  private static long create(Http http, String name) {
    Http.Reply reply = http.post(PODS, "application/json", pod(name));
    assertThat(reply.code()).as(reply.body()).isEqualTo(201);
    return reply.json().at("/metadata/resourceVersion").asLong();
  }

  @Test
  void watchResumesFromARevisionExactlyOnceWithBookmarksAndAnswersGoneWhenTooOld() throws Exception {
    try (TestNode node = TestNode.start(SMALL)) {
      Http http = new Http(node.url());
      long before = http.get(PODS).json().at("/metadata/resourceVersion").asLong();
      long a = create(http, "a");
      long b = create(http, "b");
      try (WatchStream watch = new WatchStream(node.url() + PODS + "?watch=true&allowWatchBookmarks=true&resourceVersion=" + before)) {
        long c = create(http, "c");
        http.delete(PODS + "/a");
        long deleted = c + 1;
        // Bookmarks carry the revision the watcher has reached: one soon reports the delete's.
        await().atMost(Duration.ofSeconds(10)).until(() -> watch.summary().stream()
            .filter(s -> s.startsWith("BOOKMARK"))
            .anyMatch(s -> Long.parseLong(s.substring(s.indexOf('@') + 1)) >= deleted));
        List<String> changes = watch.summary().stream().filter(s -> !s.startsWith("BOOKMARK")).toList();
        assertThat(changes).containsExactly("ADDED a@" + a, "ADDED b@" + b, "ADDED c@" + c, "DELETED a@" + deleted);
      }

      for (int i = 0; i < 30; i++) {
        create(http, "filler-" + i);
      }
      try (WatchStream old = new WatchStream(node.url() + PODS + "?watch=true&resourceVersion=" + before)) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !old.events().isEmpty());
        assertThat(old.events().get(0).get("type").asText()).isEqualTo("ERROR");
        assertThat(old.events().get(0).at("/object/code").asInt()).isEqualTo(410);
      }
    }
  }

  @Test
  void restartRecoversFromSnapshotsAndKeepsCounting() throws Exception {
    Path dir;
    List<String> versions = new ArrayList<>();
    long last;
    try (TestNode node = TestNode.start(SMALL)) {
      dir = node.dataDir();
      Http http = new Http(node.url());
      for (int i = 0; i < 120; i++) {
        create(http, "p-" + i);
      }
      http.get(PODS).json().get("items").forEach(p -> versions.add(p.at("/metadata/name").asText() + "@"
          + p.at("/metadata/resourceVersion").asText()));
      last = http.get(PODS).json().at("/metadata/resourceVersion").asLong();
    }
    try (Stream<Path> snapshots = Files.walk(dir.resolve("snapshots"))) {
      assertThat(snapshots.filter(p -> p.toString().endsWith(".snap")).count()).as("snapshots were taken").isPositive();
    }
    try (TestNode node = TestNode.start(dir, SMALL)) {
      Http http = new Http(node.url());
      List<String> recovered = new ArrayList<>();
      http.get(PODS).json().get("items").forEach(p -> recovered.add(p.at("/metadata/name").asText() + "@"
          + p.at("/metadata/resourceVersion").asText()));
      assertThat(recovered).isEqualTo(versions);
      // The restarted agent refreshes its Node first, so the revision moves on by at least one.
      assertThat(create(http, "after")).isGreaterThan(last);
    }
  }
}
