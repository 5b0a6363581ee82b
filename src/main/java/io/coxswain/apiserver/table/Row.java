package io.coxswain.apiserver.table;

import java.util.List;

/**
 * The cells of one table row, plus the optional row condition Kubernetes uses to mark finished
 * pods ({@code Completed}); cells are strings or longs.
 */
record Row(List<Object> cells, RowCondition completed) {

  Row {
    cells = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(cells));
  }

  static Row of(Object... cells) {
    return new Row(java.util.Arrays.asList(cells), null);
  }

  /** A {@code TableRowCondition} of type Completed. */
  record RowCondition(String reason, String message) {}
}
