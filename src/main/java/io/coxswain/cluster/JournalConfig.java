package io.coxswain.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.coxswain.store.SnapshotRetention;
import io.coxswain.store.journal.JournalLock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the store's journal and snapshots live: files under the data directory (one machine; the
 * synced {@code io.coxswain.store.journal} plugins), or a PostgreSQL database that every member of
 * a cluster shares (Pekko Persistence JDBC). Produces the Pekko Persistence settings, and before
 * start checks that the journal keeps the store's promise: a write acknowledged is on disk.
 *
 * @param url empty or {@code "embedded"} for files under {@code dataDir}, else a {@code jdbc:postgresql:} URL
 */
public record JournalConfig(String url, String user, String password, Path dataDir) {

  public static JournalConfig of(String url, String user, String password, Path dataDir) {
    boolean embedded = url == null || url.isBlank() || url.equals("embedded") || url.equals("h2");
    return new JournalConfig(embedded ? "" : url, user, password, dataDir.toAbsolutePath());
  }

  public boolean isEmbedded() {
    return url.isEmpty();
  }

  public boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  public Path journalDir() {
    return dataDir.resolve("journal");
  }

  public Path snapshotDir() {
    return dataDir.resolve("snapshots");
  }

  /** The Pekko Persistence settings for this journal. */
  public Config pekkoConfig() {
    Map<String, Object> settings = new HashMap<>();
    if (isEmbedded()) {
      settings.put("pekko.persistence.journal.plugin", "coxswain-file-journal");
      settings.put("pekko.persistence.snapshot-store.plugin", "coxswain-file-snapshot-store");
      settings.put("coxswain-file-journal.dir", journalDir().toString());
      settings.put("coxswain-file-snapshot-store.dir", snapshotDir().toString());
      settings.put("coxswain-file-snapshot-store.journal-dir", journalDir().toString());
      return ConfigFactory.parseMap(settings);
    }
    String prefix = "pekko-persistence-jdbc.shared-databases.coxswain.";
    settings.put("pekko.persistence.journal.plugin", "jdbc-journal");
    settings.put("pekko.persistence.snapshot-store.plugin", "jdbc-snapshot-store");
    settings.put(prefix + "profile", "slick.jdbc.PostgresProfile$");
    settings.put(prefix + "db.url", url);
    settings.put(prefix + "db.driver", "org.postgresql.Driver");
    settings.put(prefix + "db.user", user);
    settings.put(prefix + "db.password", password);
    return ConfigFactory.parseMap(settings);
  }

  /** What to delete once the store's snapshot is stored: the file plugins see to it themselves. */
  public SnapshotRetention snapshotRetention() {
    return isEmbedded() ? SnapshotRetention.NONE : new PostgresSnapshotRetention(this);
  }

  /**
   * Makes the journal ready: for PostgreSQL, refuses settings under which a commit is not durable
   * and creates the tables when absent; for files, refuses a data directory in the old embedded
   * format (an H2 database), which this version does not read, and one another server is using.
   *
   * @throws IllegalStateException saying what is wrong and how to fix it
   */
  public void prepare() {
    if (isEmbedded()) {
      if (Files.exists(dataDir.resolve("journal.mv.db"))) {
        throw new IllegalStateException("the data directory " + dataDir + " holds a journal in the old H2 format "
            + "(journal.mv.db), which this version does not read: start with an empty --data directory");
      }
      // Fail at once, with a clear message, when another server uses this data directory (the
      // journal takes the same lock again for as long as it runs).
      try (JournalLock lock = JournalLock.acquire(journalDir())) {
        return;
      } catch (IOException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    if (!isPostgres()) {
      throw new IllegalStateException("unsupported journal URL " + url + ": use a jdbc:postgresql:// URL or 'embedded'");
    }
    try (Connection connection = DriverManager.getConnection(url, user, password);
         Statement statement = connection.createStatement()) {
      requireDurableCommits(statement);
      for (String sql : readScript("/schema/postgres.sql").split(";")) {
        String trimmed = stripComments(sql).trim();
        if (!trimmed.isEmpty()) {
          statement.execute(trimmed);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prepare the journal at " + url + ": " + e.getMessage(), e);
    }
  }

  /**
   * A PostgreSQL commit is on disk when it returns only with {@code fsync = on} and
   * {@code synchronous_commit} other than {@code off} (with no synchronous standby, {@code local},
   * {@code remote_write}, {@code on} and {@code remote_apply} all wait for the local WAL flush).
   */
  static void requireDurableCommits(Statement statement) throws SQLException {
    String fsync = show(statement, "fsync");
    String synchronousCommit = show(statement, "synchronous_commit");
    if (!"on".equals(fsync) || "off".equals(synchronousCommit)) {
      throw new IllegalStateException("PostgreSQL would acknowledge commits that a power cut can lose (fsync="
          + fsync + ", synchronous_commit=" + synchronousCommit + "): Coxswain answers a write only once it is "
          + "durable, so it needs fsync=on and synchronous_commit=on (or local/remote_write/remote_apply)");
    }
  }

  private static String show(Statement statement, String setting) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String stripComments(String sql) {
    StringBuilder out = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (!line.trim().startsWith("--")) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }

  private static String readScript(String resource) {
    try (InputStream in = JournalConfig.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
