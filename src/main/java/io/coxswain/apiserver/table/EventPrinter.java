package io.coxswain.apiserver.table;

import io.coxswain.api.core.Event;
import io.coxswain.api.core.EventSource;
import io.coxswain.api.core.ObjectReference;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Event columns in Kubernetes' order: LAST SEEN, TYPE, REASON, OBJECT ("pod/web-1"), MESSAGE, with
 * SUBOBJECT, SOURCE, FIRST SEEN, COUNT and NAME interleaved as wide columns.
 */
final class EventPrinter implements RowPrinter<Event> {
  private static final List<Column> COLUMNS = List.of(
      Column.string("Last Seen", "The time at which the most recent occurrence of this event was recorded."),
      Column.string("Type", "Type of this event (Normal, Warning)."),
      Column.string("Reason", "Why the action was taken."),
      Column.string("Object", "The object that this event is about."),
      Column.string("Subobject", "The part of the object this event is about, such as a container.").wide(),
      Column.string("Source", "The component reporting this event.").wide(),
      Column.string("Message", "A human-readable description of the status of this operation."),
      Column.string("First Seen", "The time at which the event was first recorded.").wide(),
      Column.integer("Count", "The number of times this event has occurred.").wide(),
      Column.name("Name must be unique within a namespace.").wide());

  @Override
  public Class<Event> type() {
    return Event.class;
  }

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Row row(Event event, Instant now) {
    // Events written through the newer API carry only eventTime; fall back to it.
    String first = event.firstTimestamp() != null ? Cells.since(event.firstTimestamp(), now)
        : Cells.since(event.eventTime(), now);
    String last = event.lastTimestamp() != null ? Cells.since(event.lastTimestamp(), now) : first;
    long count = event.count() == null || event.count() == 0 ? 1 : event.count();
    ObjectReference involved = event.involvedObject();
    String kind = involved == null || involved.kind() == null ? "" : involved.kind().toLowerCase(Locale.ROOT);
    String target = involved != null && involved.name() != null && !involved.name().isEmpty()
        ? kind + "/" + involved.name() : kind;
    return Row.of(last, Cells.orEmpty(event.type()), Cells.orEmpty(event.reason()), target,
        involved == null ? "" : Cells.orEmpty(involved.fieldPath()), source(event),
        event.message() == null ? "" : event.message().strip(), first, count, event.metadata().name());
  }

  private static String source(Event event) {
    EventSource source = event.source();
    String component = firstNonEmpty(source == null ? null : source.component(), event.reportingComponent());
    String host = firstNonEmpty(source == null ? null : source.host(), event.reportingInstance());
    return host.isEmpty() ? component : component + ", " + host;
  }

  private static String firstNonEmpty(String a, String b) {
    return a != null && !a.isEmpty() ? a : b == null ? "" : b;
  }
}
