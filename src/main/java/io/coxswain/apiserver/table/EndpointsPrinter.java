package io.coxswain.apiserver.table;

import io.coxswain.api.core.EndpointAddress;
import io.coxswain.api.core.EndpointPort;
import io.coxswain.api.core.EndpointSubset;
import io.coxswain.api.core.Endpoints;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Endpoints columns. ENDPOINTS lists at most three ready "ip:port" pairs and counts the rest
 * ("10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more..."), as Kubernetes does to keep rows short.
 */
final class EndpointsPrinter implements RowPrinter<Endpoints> {
  private static final int SHOWN = 3;
  private static final List<Column> COLUMNS = List.of(
      Column.name("Name must be unique within a namespace."),
      Column.string("Endpoints", "Endpoints of the service."),
      Column.age());

  @Override
  public Class<Endpoints> type() {
    return Endpoints.class;
  }

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Row row(Endpoints endpoints, Instant now) {
    return Row.of(endpoints.metadata().name(), format(endpoints.subsets()),
        Cells.since(endpoints.metadata().creationTimestamp(), now));
  }

  static String format(List<EndpointSubset> subsets) {
    if (subsets.isEmpty()) {
      return Cells.NONE;
    }
    List<String> shown = new ArrayList<>();
    int total = 0;
    for (EndpointSubset subset : subsets) {
      // A headless service without ports lists bare addresses.
      List<Integer> ports = subset.ports().isEmpty() ? java.util.Collections.singletonList(null)
          : subset.ports().stream().map(EndpointPort::port).toList();
      for (Integer port : ports) {
        total += subset.addresses().size();
        for (EndpointAddress address : subset.addresses()) {
          if (shown.size() == SHOWN) {
            break;
          }
          shown.add(port == null ? address.ip() : hostPort(address.ip(), port));
        }
      }
    }
    String joined = String.join(",", shown);
    return total > SHOWN ? joined + " + " + (total - SHOWN) + " more..." : joined;
  }

  /** IPv6 addresses are bracketed, as Go's net.JoinHostPort does. */
  private static String hostPort(String ip, int port) {
    return (ip != null && ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
  }
}
