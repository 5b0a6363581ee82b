package io.coxswain.apiserver.table;

import io.coxswain.api.core.Node;
import io.coxswain.api.core.NodeAddress;
import io.coxswain.api.core.NodeCondition;
import io.coxswain.api.core.NodeStatus;
import io.coxswain.api.core.NodeSystemInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Node columns. STATUS is Ready or NotReady from the Ready condition (Unknown when it has none),
 * plus ",SchedulingDisabled" for a cordoned node; ROLES come from node-role labels.
 */
final class NodePrinter implements RowPrinter<Node> {
  private static final String ROLE_PREFIX = "node-role.kubernetes.io/";
  private static final String ROLE_LABEL = "kubernetes.io/role";
  private static final List<Column> COLUMNS = List.of(
      Column.name("Name must be unique within a namespace."),
      Column.string("Status", "The status of the node"),
      Column.string("Roles", "The roles of the node"),
      Column.age(),
      Column.string("Version", "Kubelet Version reported by the node."),
      Column.string("Internal-IP", "List of addresses reachable to the node.").wide(),
      Column.string("External-IP", "List of addresses reachable to the node.").wide(),
      Column.string("OS-Image", "OS Image reported by the node.").wide(),
      Column.string("Kernel-Version", "Kernel Version reported by the node.").wide(),
      Column.string("Container-Runtime", "Container Runtime Version reported by the node.").wide());

  @Override
  public Class<Node> type() {
    return Node.class;
  }

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Row row(Node node, Instant now) {
    NodeStatus status = node.status();
    List<String> state = new ArrayList<>();
    NodeCondition ready = status == null ? null : status.condition("Ready");
    state.add(ready == null ? "Unknown" : "True".equals(ready.status()) ? "Ready" : "NotReady");
    if (node.spec().unschedulableOrFalse()) {
      state.add("SchedulingDisabled");
    }
    NodeSystemInfo info = status == null ? null : status.nodeInfo();
    return Row.of(node.metadata().name(), String.join(",", state), roles(node.metadata().labelsOrEmpty()),
        Cells.since(node.metadata().creationTimestamp(), now),
        info == null ? "" : Cells.orEmpty(info.kubeletVersion()),
        address(status, "InternalIP"), address(status, "ExternalIP"),
        orUnknown(info == null ? null : info.osImage()),
        orUnknown(info == null ? null : info.kernelVersion()),
        orUnknown(info == null ? null : info.containerRuntimeVersion()));
  }

  private static String roles(Map<String, String> labels) {
    TreeSet<String> roles = new TreeSet<>();
    labels.forEach((key, value) -> {
      if (key.startsWith(ROLE_PREFIX) && key.length() > ROLE_PREFIX.length()) {
        roles.add(key.substring(ROLE_PREFIX.length()));
      } else if (key.equals(ROLE_LABEL) && !value.isEmpty()) {
        roles.add(value);
      }
    });
    return roles.isEmpty() ? Cells.NONE : String.join(",", roles);
  }

  private static String address(NodeStatus status, String type) {
    if (status != null) {
      for (NodeAddress address : status.addresses()) {
        if (type.equals(address.type())) {
          return address.address();
        }
      }
    }
    return Cells.NONE;
  }

  private static String orUnknown(String value) {
    return value == null || value.isEmpty() ? Cells.UNKNOWN : value;
  }
}
