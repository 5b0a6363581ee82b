package io.coxswain.store;

import com.typesafe.config.Config;
import java.time.Duration;

/** Tunables of the store and the watch caches, read from {@code coxswain.store} in the config. */
public record StoreSettings(
    String persistenceId,
    int maxBatch,
    int groupCommitBatch,
    Duration groupCommitWindow,
    Duration writeTimeout,
    long snapshotEveryChanges,
    int watchWindow,
    int watchBuffer,
    Duration bookmarkInterval) {

  public static StoreSettings fromConfig(Config config) {
    Config c = config.getConfig("coxswain.store");
    return new StoreSettings(
        c.getString("persistence-id"),
        c.getInt("max-batch"),
        c.getInt("group-commit-batch"),
        c.getDuration("group-commit-window"),
        c.getDuration("write-timeout"),
        c.getLong("snapshot-every-changes"),
        c.getInt("watch-window"),
        c.getInt("watch-buffer"),
        c.getDuration("bookmark-interval"));
  }
}
