package io.coxswain.apiserver.table;

import io.coxswain.api.KubeObject;
import java.time.Instant;
import java.util.List;

/** Kinds without a printer of their own get Kubernetes' default table: name and creation time. */
final class DefaultPrinter implements RowPrinter<KubeObject> {
  private static final List<Column> COLUMNS = List.of(
      Column.name("Name must be unique within a namespace."),
      new Column("Created At", "date", "", "CreationTimestamp is a timestamp representing the server time when "
          + "this object was created.", 0));

  @Override
  public Class<KubeObject> type() {
    return KubeObject.class;
  }

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Row row(KubeObject object, Instant now) {
    return Row.of(object.metadata().name(), Cells.orEmpty(object.metadata().creationTimestamp()));
  }
}
