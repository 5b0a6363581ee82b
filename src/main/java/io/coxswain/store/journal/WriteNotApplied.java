package io.coxswain.store.journal;

import java.io.IOException;

/**
 * An append that failed and was then cut back off the log: none of its entries is on disk, so
 * whoever asked for it can be told that it was not applied (anything else that fails a write
 * leaves that open).
 */
public final class WriteNotApplied extends IOException {
  public WriteNotApplied(String message, Throwable cause) {
    super(message, cause);
  }
}
