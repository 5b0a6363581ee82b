package io.coxswain.apiserver.table;

import io.coxswain.api.apps.Deployment;
import io.coxswain.api.apps.DeploymentStatus;
import io.coxswain.api.apps.ReplicaSet;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.PodTemplateSpec;
import io.coxswain.api.selector.ApiSelectors;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Deployment and ReplicaSet columns, as Kubernetes prints them (kubectl get deploy, get rs). */
final class AppsPrinters {
  private AppsPrinters() {}

  private static final List<Column> WIDE = List.of(
      Column.string("Containers", "Names of each container in the template.").wide(),
      Column.string("Images", "Images referenced by each container in the template.").wide(),
      Column.string("Selector", "Label selector for pods.").wide());

  private static String containers(PodTemplateSpec template) {
    return containerList(template).stream().map(Container::name).collect(Collectors.joining(","));
  }

  private static String images(PodTemplateSpec template) {
    return containerList(template).stream().map(Container::image).collect(Collectors.joining(","));
  }

  private static List<Container> containerList(PodTemplateSpec template) {
    return template == null || template.spec() == null ? List.of() : template.spec().containers();
  }

  private static String selector(io.coxswain.api.LabelSelector selector) {
    var parsed = ApiSelectors.of(selector);
    return parsed == null ? "<none>" : parsed.toString();
  }

  private static long orZero(Integer value) {
    return value == null ? 0 : value;
  }

  /** NAME READY (ready/desired) UP-TO-DATE AVAILABLE AGE. */
  static final class DeploymentPrinter implements RowPrinter<Deployment> {
    private static final List<Column> COLUMNS = java.util.stream.Stream.concat(List.of(
        Column.name("Name must be unique within a namespace."),
        Column.string("Ready", "Number of the pod with ready state"),
        Column.integer("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the "
            + "desired template spec."),
        Column.integer("Available", "Total number of available pods (ready for at least minReadySeconds) targeted "
            + "by this deployment."),
        Column.age()).stream(), WIDE.stream()).toList();

    @Override
    public Class<Deployment> type() {
      return Deployment.class;
    }

    @Override
    public List<Column> columns() {
      return COLUMNS;
    }

    @Override
    public Row row(Deployment d, Instant now) {
      DeploymentStatus status = d.statusOrEmpty();
      long desired = d.spec().replicas() == null ? 1 : d.spec().replicas();
      return Row.of(d.metadata().name(), orZero(status.readyReplicas()) + "/" + desired,
          orZero(status.updatedReplicas()), orZero(status.availableReplicas()),
          Cells.since(d.metadata().creationTimestamp(), now), containers(d.spec().template()),
          images(d.spec().template()), selector(d.spec().selector()));
    }
  }

  /** NAME DESIRED CURRENT READY AGE. */
  static final class ReplicaSetPrinter implements RowPrinter<ReplicaSet> {
    private static final List<Column> COLUMNS = java.util.stream.Stream.concat(List.of(
        Column.name("Name must be unique within a namespace."),
        Column.integer("Desired", "Number of desired pods."),
        Column.integer("Current", "Number of actual pods."),
        Column.integer("Ready", "The number of pods targeted by this ReplicaSet with a Ready Condition."),
        Column.age()).stream(), WIDE.stream()).toList();

    @Override
    public Class<ReplicaSet> type() {
      return ReplicaSet.class;
    }

    @Override
    public List<Column> columns() {
      return COLUMNS;
    }

    @Override
    public Row row(ReplicaSet rs, Instant now) {
      long desired = rs.spec().replicas() == null ? 1 : rs.spec().replicas();
      return Row.of(rs.metadata().name(), desired, (long) rs.statusOrEmpty().replicasOrZero(),
          (long) rs.statusOrEmpty().readyOrZero(), Cells.since(rs.metadata().creationTimestamp(), now),
          containers(rs.spec().template()), images(rs.spec().template()), selector(rs.spec().selector()));
    }
  }
}
