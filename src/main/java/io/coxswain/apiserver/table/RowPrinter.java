package io.coxswain.apiserver.table;

import io.coxswain.api.KubeObject;
import java.time.Instant;
import java.util.List;

/**
 * The columns of one kind and how to fill them from an object, as Kubernetes' printers do.
 * {@code now} is passed in so ages are computed from the injected clock.
 */
interface RowPrinter<T extends KubeObject> {
  Class<T> type();

  List<Column> columns();

  Row row(T object, Instant now);
}
