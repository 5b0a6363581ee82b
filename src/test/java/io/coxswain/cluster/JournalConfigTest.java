package io.coxswain.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal is refused where an acknowledged write would not be durable. */
@Tag("integration")
class JournalConfigTest {
  @TempDir
  Path data;

  @Test
  void postgresWithoutSynchronousCommitIsRefused() {
    String url = TestPostgres.freshDatabase();
    try {
      // A session setting in the URL, as a careless connection string would carry it.
      String asynchronous = url + (url.contains("?") ? "&" : "?") + "options=-c%20synchronous_commit%3Doff";
      assertThatThrownBy(() -> JournalConfig.of(asynchronous, "", "", data).prepare())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("synchronous_commit=off")
          .hasMessageContaining("fsync=on");
      JournalConfig.of(url, "", "", data).prepare(); // the test server's settings are durable
    } finally {
      TestPostgres.drop(url);
    }
  }

  @Test
  void anEmbeddedJournalInTheOldFormatIsRefusedNotIgnored() throws Exception {
    Files.writeString(data.resolve("journal.mv.db"), "old");
    assertThatThrownBy(() -> JournalConfig.of("", "", "", data).prepare())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("old H2 format");
  }

  @Test
  void aDataDirectoryInUseByAnotherServerIsRefused() throws Exception {
    JournalConfig journal = JournalConfig.of("", "", "", data);
    try (var held = io.coxswain.store.journal.JournalLock.acquire(journal.journalDir())) {
      assertThatThrownBy(journal::prepare).isInstanceOf(IllegalStateException.class).hasMessageContaining("in use");
    }
    journal.prepare(); // free again
  }

  @Test
  void embeddedJournalFilesLiveUnderTheDataDirectory() {
    JournalConfig journal = JournalConfig.of("embedded", "", "", data);
    assertThat(journal.isEmbedded()).isTrue();
    assertThat(journal.pekkoConfig().getString("coxswain-file-journal.dir")).isEqualTo(data.resolve("journal").toString());
    assertThat(journal.pekkoConfig().getString("pekko.persistence.snapshot-store.plugin"))
        .isEqualTo("coxswain-file-snapshot-store");
  }
}
