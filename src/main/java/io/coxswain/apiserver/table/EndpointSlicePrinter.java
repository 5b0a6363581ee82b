package io.coxswain.apiserver.table;

import io.coxswain.api.discovery.Endpoint;
import io.coxswain.api.discovery.EndpointPort;
import io.coxswain.api.discovery.EndpointSlice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * EndpointSlice columns, as Kubernetes prints them: the address type, at most three ports and
 * three addresses each with a count of the rest ("80,443,8080 + 2 more..."), {@code <unset>}
 * for none.
 */
final class EndpointSlicePrinter implements RowPrinter<EndpointSlice> {
  private static final int SHOWN = 3;
  private static final String UNSET = "<unset>";
  private static final List<Column> COLUMNS = List.of(
      Column.name("Name must be unique within a namespace."),
      Column.string("AddressType", "The IP protocol for this slice."),
      Column.string("Ports", "The ports exposed by this slice."),
      Column.string("Endpoints", "First three endpoints of the slice."),
      Column.age());

  @Override
  public Class<EndpointSlice> type() {
    return EndpointSlice.class;
  }

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Row row(EndpointSlice slice, Instant now) {
    List<String> ports = slice.ports().stream()
        .map(EndpointPort::port).map(p -> p == null ? UNSET : Integer.toString(p)).toList();
    List<String> addresses = new ArrayList<>();
    for (Endpoint endpoint : slice.endpoints()) {
      addresses.addAll(endpoint.addresses());
    }
    return Row.of(slice.metadata().name(), Cells.orEmpty(slice.addressType()), firstThree(ports),
        firstThree(addresses), Cells.since(slice.metadata().creationTimestamp(), now));
  }

  private static String firstThree(List<String> values) {
    if (values.isEmpty()) {
      return UNSET;
    }
    String joined = String.join(",", values.subList(0, Math.min(SHOWN, values.size())));
    return values.size() > SHOWN ? joined + " + " + (values.size() - SHOWN) + " more..." : joined;
  }
}
