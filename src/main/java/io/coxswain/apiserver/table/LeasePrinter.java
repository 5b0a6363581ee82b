package io.coxswain.apiserver.table;

import io.coxswain.api.coordination.Lease;
import java.time.Instant;
import java.util.List;

/** Lease columns: who holds it. */
final class LeasePrinter implements RowPrinter<Lease> {
  private static final List<Column> COLUMNS = List.of(
      Column.name("Name must be unique within a namespace."),
      Column.string("Holder", "The holder of the lease"),
      Column.age());

  @Override
  public Class<Lease> type() {
    return Lease.class;
  }

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Row row(Lease lease, Instant now) {
    String holder = lease.spec() == null || lease.spec().holderIdentity() == null ? "" : lease.spec().holderIdentity();
    return Row.of(lease.metadata().name(), holder, Cells.since(lease.metadata().creationTimestamp(), now));
  }
}
