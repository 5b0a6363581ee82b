package io.coxswain.apiserver.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.api.ApiResource;
import io.coxswain.api.Json;
import io.coxswain.api.KubeObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Server-side printing: answers {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io} with a
 * {@code meta.k8s.io/v1 Table}, so kubectl shows the same columns as against Kubernetes. Every
 * column is sent (kubectl hides priority-1 ones unless {@code -o wide}); each row carries the
 * object's metadata as a PartialObjectMetadata, which kubectl uses for --show-labels and namespaces.
 */
public final class TableBuilder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String API_VERSION = "meta.k8s.io/v1";

  private TableBuilder() {}

  /** A table of a list response; {@code continueToken} may be null or empty. */
  public static ObjectNode table(ApiResource resource, List<? extends KubeObject> items, String resourceVersion,
      String continueToken, Clock clock) {
    return table(resource, items, resourceVersion, continueToken, IncludeObject.METADATA, clock);
  }

  /** As {@link #table}, each row carrying what {@code include} asks for. */
  public static ObjectNode table(ApiResource resource, List<? extends KubeObject> items, String resourceVersion,
      String continueToken, IncludeObject include, Clock clock) {
    return build(Printers.forResource(resource.name()), items, resourceVersion, continueToken, true, include, clock);
  }

  /**
   * The one-row table that is the object of a watch event when the watch asked for tables.
   * Kubernetes sends column definitions only with the first event; kubectl reuses them for the rest.
   */
  public static ObjectNode tableForWatchEvent(ApiResource resource, KubeObject object,
      boolean includeColumnDefinitions, Clock clock) {
    return build(Printers.forResource(resource.name()), List.of(object), object.metadata().resourceVersion(),
        null, includeColumnDefinitions, IncludeObject.METADATA, clock);
  }

  private static ObjectNode build(RowPrinter<? extends KubeObject> printer, List<? extends KubeObject> items,
      String resourceVersion, String continueToken, boolean withColumns, IncludeObject include, Clock clock) {
    Instant now = clock.instant();
    ObjectNode table = NODES.objectNode();
    table.put("kind", "Table");
    table.put("apiVersion", API_VERSION);
    ObjectNode metadata = table.putObject("metadata");
    if (resourceVersion != null && !resourceVersion.isEmpty()) {
      metadata.put("resourceVersion", resourceVersion);
    }
    if (continueToken != null && !continueToken.isEmpty()) {
      metadata.put("continue", continueToken);
    }
    ArrayNode columns = table.putArray("columnDefinitions");
    if (withColumns) {
      printer.columns().forEach(c -> columns.add(c.toJson()));
    }
    ArrayNode rows = table.putArray("rows");
    for (KubeObject item : items) {
      rows.add(row(rowOf(printer, item, now), item, include));
    }
    return table;
  }

  /** Falls back to the default columns if an object is not the printer's kind (never expected). */
  private static Row rowOf(RowPrinter<? extends KubeObject> printer, KubeObject item, Instant now) {
    if (printer.type().isInstance(item)) {
      return printTyped(printer, item, now);
    }
    return Printers.fallback().row(item, now);
  }

  private static <T extends KubeObject> Row printTyped(RowPrinter<T> printer, KubeObject item, Instant now) {
    return printer.row(printer.type().cast(item), now);
  }

  private static ObjectNode row(Row row, KubeObject item, IncludeObject include) {
    ObjectNode node = NODES.objectNode();
    ArrayNode cells = node.putArray("cells");
    for (Object cell : row.cells()) {
      if (cell instanceof Number n) {
        cells.add(n.longValue());
      } else {
        cells.add(cell == null ? null : cell.toString());
      }
    }
    if (row.completed() != null) {
      ObjectNode condition = node.putArray("conditions").addObject();
      condition.put("type", "Completed");
      condition.put("status", "True");
      condition.put("reason", row.completed().reason());
      condition.put("message", row.completed().message());
    }
    if (include == IncludeObject.OBJECT) {
      node.set("object", Json.toTree(item));
    } else if (include == IncludeObject.METADATA) {
      ObjectNode object = node.putObject("object");
      object.put("kind", "PartialObjectMetadata");
      object.put("apiVersion", API_VERSION);
      object.set("metadata", Json.toTree(item.metadata()));
    }
    return node;
  }
}
