package io.coxswain.apiserver.table;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code TableColumnDefinition}. Priority 0 columns are always shown; priority 1 only with
 * {@code -o wide}. The server always sends every column and kubectl hides the wide ones.
 */
record Column(String name, String type, String format, String description, int priority) {

  static Column name(String description) {
    return new Column("Name", "string", "name", description, 0);
  }

  static Column string(String name, String description) {
    return new Column(name, "string", "", description, 0);
  }

  static Column integer(String name, String description) {
    return new Column(name, "integer", "", description, 0);
  }

  static Column age() {
    return string("Age", "CreationTimestamp is a timestamp representing the server time when this object was "
        + "created.");
  }

  Column wide() {
    return new Column(name, type, format, description, 1);
  }

  /** Every field is written, even empty ones, as Kubernetes does. */
  ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("name", name);
    node.put("type", type);
    node.put("format", format);
    node.put("description", description);
    node.put("priority", priority);
    return node;
  }
}
