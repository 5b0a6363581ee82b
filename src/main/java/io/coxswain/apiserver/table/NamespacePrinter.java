package io.coxswain.apiserver.table;

import io.coxswain.api.core.Namespace;
import java.time.Instant;
import java.util.List;

/** Namespace columns: the phase (Active, Terminating) and age. */
final class NamespacePrinter implements RowPrinter<Namespace> {
  private static final List<Column> COLUMNS = List.of(
      Column.name("Name must be unique within a namespace."),
      Column.string("Status", "The status of the namespace"),
      Column.age());

  @Override
  public Class<Namespace> type() {
    return Namespace.class;
  }

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Row row(Namespace namespace, Instant now) {
    String phase = namespace.status() == null ? "" : Cells.orEmpty(namespace.status().phase());
    return Row.of(namespace.metadata().name(), phase, Cells.since(namespace.metadata().creationTimestamp(), now));
  }
}
