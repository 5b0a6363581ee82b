package io.coxswain.apiserver.table;

import io.coxswain.api.core.LoadBalancerIngress;
import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServicePort;
import io.coxswain.api.core.ServiceSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Service columns: type, cluster IP, external IP by service type, and ports as "80:30080/TCP". */
final class ServicePrinter implements RowPrinter<Service> {
  private static final List<Column> COLUMNS = List.of(
      Column.name("Name must be unique within a namespace."),
      Column.string("Type", "How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName."),
      Column.string("Cluster-IP", "The IP address of the service, assigned by the server."),
      Column.string("External-IP", "The addresses outside the cluster that reach the service."),
      Column.string("Port(s)", "The list of ports that are exposed by this service."),
      Column.age(),
      Column.string("Selector", "Route service traffic to pods with labels matching this selector.").wide());

  @Override
  public Class<Service> type() {
    return Service.class;
  }

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Row row(Service service, Instant now) {
    ServiceSpec spec = service.spec();
    String type = spec.type() == null || spec.type().isEmpty() ? "ClusterIP" : spec.type();
    String clusterIP = !spec.clusterIPs().isEmpty() ? spec.clusterIPs().get(0) : Cells.orNone(spec.clusterIP());
    String ports = spec.ports().stream().map(ServicePrinter::port).collect(Collectors.joining(","));
    return Row.of(service.metadata().name(), type, clusterIP, externalIP(service, type),
        ports.isEmpty() ? Cells.NONE : ports, Cells.since(service.metadata().creationTimestamp(), now),
        Cells.labels(spec.selector()));
  }

  private static String port(ServicePort p) {
    String protocol = p.protocol() == null ? "TCP" : p.protocol();
    int port = p.port() == null ? 0 : p.port();
    return p.nodePort() != null && p.nodePort() > 0
        ? port + ":" + p.nodePort() + "/" + protocol : port + "/" + protocol;
  }

  private static String externalIP(Service service, String type) {
    List<String> external = service.spec().externalIPs();
    return switch (type) {
      case "ClusterIP", "NodePort" -> external.isEmpty() ? Cells.NONE : String.join(",", external);
      case "LoadBalancer" -> {
        List<String> all = new ArrayList<>();
        if (service.status() != null && service.status().loadBalancer() != null) {
          for (LoadBalancerIngress ingress : service.status().loadBalancer().ingress()) {
            if (ingress.ip() != null && !ingress.ip().isEmpty()) {
              all.add(ingress.ip());
            } else if (ingress.hostname() != null && !ingress.hostname().isEmpty()) {
              all.add(ingress.hostname());
            }
          }
        }
        all.addAll(external);
        yield all.isEmpty() ? "<pending>" : String.join(",", all);
      }
      case "ExternalName" -> Cells.orEmpty(service.spec().externalName());
      default -> Cells.UNKNOWN;
    };
  }
}
