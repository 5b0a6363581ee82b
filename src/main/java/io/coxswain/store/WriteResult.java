package io.coxswain.store;

import io.coxswain.api.Status;

/** The answer to one write: the committed change, or the Status it failed with. */
public record WriteResult(Change change, Status error) {
  public boolean ok() {
    return error == null;
  }
}
