package io.coxswain.cluster;

import io.coxswain.store.SnapshotRetention;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded history for the PostgreSQL journal, with the file journal's rule: after a snapshot,
 * keep the newest two snapshots and the events after the older of them; delete everything before
 * (rows of Pekko Persistence JDBC's {@code snapshot} and {@code event_journal} tables, in one
 * transaction). PostgreSQL's autovacuum then reuses the space. Runs on a thread of its own; a
 * failure is logged and the next snapshot tries again.
 */
final class PostgresSnapshotRetention implements SnapshotRetention {
  private static final Logger log = LoggerFactory.getLogger(PostgresSnapshotRetention.class);

  private final JournalConfig journal;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "coxswain-journal-retention");
    thread.setDaemon(true);
    return thread;
  });

  PostgresSnapshotRetention(JournalConfig journal) {
    this.journal = journal;
  }

  @Override
  public void snapshotSaved(String persistenceId, long sequenceNr) {
    executor.execute(() -> {
      try {
        prune(persistenceId);
      } catch (SQLException e) {
        log.warn("journal retention for {} after snapshot {} failed (retried after the next snapshot): {}",
            persistenceId, sequenceNr, e.getMessage());
      }
    });
  }

  /** Deletes what precedes the second-newest snapshot; returns its sequence number, or -1 when there is none. */
  long prune(String persistenceId) throws SQLException {
    try (Connection connection = DriverManager.getConnection(journal.url(), journal.user(), journal.password())) {
      connection.setAutoCommit(false);
      long older;
      try (PreparedStatement select = connection.prepareStatement("SELECT sequence_number FROM public.snapshot "
          + "WHERE persistence_id = ? ORDER BY sequence_number DESC OFFSET 1 LIMIT 1")) {
        select.setString(1, persistenceId);
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            return -1;
          }
          older = rs.getLong(1);
        }
      }
      int snapshots = delete(connection,
          "DELETE FROM public.snapshot WHERE persistence_id = ? AND sequence_number < ?", persistenceId, older);
      int events = delete(connection,
          "DELETE FROM public.event_journal WHERE persistence_id = ? AND sequence_number <= ?", persistenceId, older);
      connection.commit();
      log.debug("journal retention for {}: {} snapshots and {} events before sequence number {} deleted",
          persistenceId, snapshots, events, older);
      return older;
    }
  }

  private static int delete(Connection connection, String sql, String persistenceId, long sequenceNr)
      throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(sql)) {
      delete.setString(1, persistenceId);
      delete.setLong(2, sequenceNr);
      return delete.executeUpdate();
    }
  }
}
