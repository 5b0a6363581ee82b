package io.coxswain.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.testing.Http;
import io.coxswain.testing.TestNode;
import io.coxswain.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL journal's history stays bounded as the file journal's does: after snapshots,
 * only the newest two snapshots and the events after the older one remain, and a restart from
 * them has every write.
 */
@Tag("integration")
class PostgresRetentionTest {

  private static long count(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void snapshotsDeleteTheHistoryTheyCover() throws Exception {
    String url = TestPostgres.freshDatabase();
    Map<String, Object> settings = Map.of(
        "coxswain.journal.url", url,
        "coxswain.store.snapshot-every-changes", 25,
        "coxswain.node.heartbeat-interval", "1h",
        "coxswain.scheduler.enabled", false,
        "coxswain.controllers.enabled", false);
    Path dir = Files.createTempDirectory("coxswain-pg-retention");
    try {
      try (TestNode node = TestNode.start(dir, settings)) {
        Http http = new Http(node.url());
        for (int i = 0; i < 20; i++) {
          assertThat(http.post("/api/v1/namespaces/default/pods", "application/json",
              "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p-" + i + "\"},\"spec\":{\"containers\":[{\"name\":\"c\","
                  + "\"image\":\"i\"}]}}").code()).isEqualTo(201);
        }
        for (int k = 0; k < 400; k++) {
          assertThat(http.patch("/api/v1/namespaces/default/pods/p-" + (k % 20), "application/merge-patch+json",
              "{\"metadata\":{\"labels\":{\"rev\":\"" + k + "\"}}}").code()).isEqualTo(200);
        }
        long events = count(url, "SELECT max(sequence_number) FROM public.event_journal");
        await("older snapshots and the events they cover are deleted").atMost(Duration.ofSeconds(30))
            .until(() -> count(url, "SELECT count(*) FROM public.snapshot") <= 2
                && count(url, "SELECT min(sequence_number) FROM public.event_journal") > 1);
        assertThat(count(url, "SELECT count(*) FROM public.event_journal")).isLessThan(events / 2);
      }
      try (TestNode node = TestNode.start(dir, settings)) {
        Http http = new Http(node.url());
        assertThat(http.get("/api/v1/namespaces/default/pods").json().get("items")).hasSize(20);
        assertThat(http.get("/api/v1/namespaces/default/pods/p-3").json().at("/metadata/labels/rev").asText())
            .isEqualTo("383");
      }
    } finally {
      TestPostgres.drop(url);
    }
  }
}
