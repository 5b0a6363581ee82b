package io.coxswain.store;

import java.time.Duration;

/** Store settings for tests of the cache and its feed: a window of 5 changes, a watch buffer of 100. */
final class SmallStoreSettings {
  static final StoreSettings SETTINGS =
      new StoreSettings("test", 16, 1, Duration.ZERO, Duration.ofSeconds(5), 1000, 5, 100, Duration.ofSeconds(1));

  private SmallStoreSettings() {}
}
