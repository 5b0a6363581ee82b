package io.coxswain.apiserver.table;

import io.coxswain.api.core.Container;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.core.ReplicationControllerSpec;
import io.coxswain.api.core.ReplicationControllerStatus;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** ReplicationController columns: desired/current/ready counts, and the template's containers when wide. */
final class ReplicationControllerPrinter implements RowPrinter<ReplicationController> {
  private static final List<Column> COLUMNS = List.of(
      Column.name("Name must be unique within a namespace."),
      Column.integer("Desired", "Replicas is the number of desired replicas."),
      Column.integer("Current", "Replicas is the most recently observed number of replicas."),
      Column.integer("Ready", "The number of ready replicas for this replication controller."),
      Column.age(),
      Column.string("Containers", "Names of each container in the template.").wide(),
      Column.string("Images", "Images referenced by each container in the template.").wide(),
      Column.string("Selector", "Selector is a label query over pods that should match the replicas count.")
          .wide());

  @Override
  public Class<ReplicationController> type() {
    return ReplicationController.class;
  }

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Row row(ReplicationController rc, Instant now) {
    ReplicationControllerSpec spec = rc.spec();
    ReplicationControllerStatus status = rc.status();
    // An absent replicas means 1, as Kubernetes defaults it.
    long desired = spec.replicas() == null ? 1 : spec.replicas();
    List<Container> containers = spec.template() == null ? List.of() : spec.template().spec().containers();
    return Row.of(rc.metadata().name(), desired,
        status == null ? 0L : Cells.orZero(status.replicas()),
        status == null ? 0L : Cells.orZero(status.readyReplicas()),
        Cells.since(rc.metadata().creationTimestamp(), now),
        containers.stream().map(Container::name).collect(Collectors.joining(",")),
        containers.stream().map(Container::image).collect(Collectors.joining(",")),
        Cells.labels(spec.selector()));
  }
}
