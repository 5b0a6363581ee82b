package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.bench.DiskUsage;
import io.coxswain.bench.StoreDiskRun;
import io.coxswain.testing.Http;
import io.coxswain.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk stays bounded under churn: 60,000 updates over 1,000 pods (three snapshot intervals)
 * leave the data directory under 50 MB, and a restart still has every pod's last update. The
 * full million is {@code bin/bench disk}.
 */
@Tag("integration")
class BoundedDiskTest {
  private static final long LIMIT = 50L * 1000 * 1000;

  @TempDir
  Path dir;

  @Test
  void updatesDoNotGrowTheDataDirectoryWithoutBound() throws Exception {
    Path data = dir.resolve("data");
    // Segments of 1 MiB, so that compaction has whole segments to delete within this run.
    try (ServerProcess server = ServerProcess.start(data, List.of("-Dcoxswain-file-journal.segment-bytes=1MiB"))) {
      StoreDiskRun.Result result = StoreDiskRun.run(server.url(), data, 1_000, 60_000, 8);
      System.out.printf("bounded disk: after creates %s, after updates %s (journal %s, snapshots %s), peak %s%n",
          DiskUsage.mib(result.afterCreates()), DiskUsage.mib(result.afterUpdates()), DiskUsage.mib(result.journal()),
          DiskUsage.mib(result.snapshots()), DiskUsage.mib(result.peak()));
      assertThat(result.failures()).isZero();
      assertThat(result.afterUpdates()).isLessThan(LIMIT);
      assertThat(result.peak()).isLessThan(LIMIT);
      Path journal = data.resolve("journal/coxswain-store");
      try (Stream<Path> segments = Files.list(journal)) {
        List<String> names = segments.map(p -> p.getFileName().toString()).sorted().toList();
        System.out.println("journal segments left: " + names);
        assertThat(names).as("the segments covered by snapshots were deleted").doesNotContain("00000000000000000001.wal");
        // 60,000 updates took well over ten 1 MiB segments; compaction keeps those since the older snapshot.
        assertThat(DiskUsage.bytes(journal)).isLessThan(result.peak());
      }
      server.kill9();
    }
    try (ServerProcess server = ServerProcess.start(data)) {
      Http http = new Http(server.url());
      assertThat(http.get("/api/v1/namespaces/default/pods?labelSelector=app%3Ddisk").json().get("items")).hasSize(1_000);
      // Update k went to pod k % 1000: the last one each pod got is 59000 + its index.
      assertThat(http.get("/api/v1/namespaces/default/pods/disk-7").json().at("/metadata/labels/rev").asText())
          .isEqualTo("59007");
    }
  }
}
