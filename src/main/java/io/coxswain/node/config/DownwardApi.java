package io.coxswain.node.config;

import io.coxswain.api.Quantity;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.ResourceFieldSelector;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kubernetes' downward API: a pod's own fields and its containers' resources, as env values and as
 * files. Field paths: metadata.name, metadata.namespace, metadata.uid, metadata.labels['k'],
 * metadata.annotations['k'], spec.nodeName, spec.serviceAccountName, status.hostIP, status.hostIPs,
 * status.podIP, status.podIPs, and (files only) metadata.labels and metadata.annotations whole, one
 * {@code k="v"} line each, sorted. Resources: limits./requests. cpu, memory, ephemeral-storage,
 * divided by the divisor and rounded up; a limit that is not set is the node's allocatable.
 */
public final class DownwardApi {
  private DownwardApi() {}

  /** What the running pod knows of itself beyond its object: its IP and its node's. */
  public record Addresses(String podIp, String hostIp) {}

  public static String field(Pod pod, String path, Addresses addresses) {
    if (path == null) {
      throw new ConfigError("a fieldRef has no fieldPath");
    }
    Map<String, String> labels = pod.metadata().labelsOrEmpty();
    Map<String, String> annotations = pod.metadata().annotationsOrEmpty();
    String subscript = subscript(path);
    if (path.startsWith("metadata.labels[")) {
      return labels.getOrDefault(subscript, "");
    }
    if (path.startsWith("metadata.annotations[")) {
      return annotations.getOrDefault(subscript, "");
    }
    return switch (path) {
      case "metadata.name" -> pod.metadata().name();
      case "metadata.namespace" -> pod.metadata().namespace();
      case "metadata.uid" -> pod.metadata().uid();
      case "metadata.labels" -> lines(labels);
      case "metadata.annotations" -> lines(annotations);
      case "spec.nodeName" -> nullToEmpty(pod.spec().nodeName());
      case "spec.serviceAccountName" -> nullToEmpty(pod.spec().serviceAccountName());
      case "status.hostIP", "status.hostIPs" -> nullToEmpty(addresses.hostIp());
      case "status.podIP", "status.podIPs" -> nullToEmpty(addresses.podIp());
      default -> throw new ConfigError("unsupported fieldPath: " + path);
    };
  }

  /**
   * A container's resource as Kubernetes' ExtractContainerResourceValue gives it.
   *
   * @param defaultContainer the container asking, when the selector names none (env vars)
   */
  public static String resource(Pod pod, ResourceFieldSelector selector, Container defaultContainer,
      Map<String, Quantity> nodeAllocatable) {
    Container container = defaultContainer;
    if (selector.containerName() != null && !selector.containerName().isEmpty()) {
      container = pod.spec().containers().stream().filter(c -> c.name().equals(selector.containerName()))
          .findFirst().orElseThrow(() -> new ConfigError("container " + selector.containerName() + " not found"));
    }
    String resource = String.valueOf(selector.resource());
    int dot = resource.indexOf('.');
    if (dot < 0) {
      throw new ConfigError("unsupported container resource: " + resource);
    }
    String kind = resource.substring(0, dot);
    String name = resource.substring(dot + 1);
    Map<String, Quantity> values = "limits".equals(kind) ? container.resourcesOrEmpty().limits()
        : "requests".equals(kind) ? container.resourcesOrEmpty().requests() : null;
    if (values == null) {
      throw new ConfigError("unsupported container resource: " + resource);
    }
    Quantity value = values.get(name);
    if (value == null && "requests".equals(kind)) {
      // An unset request is the limit when there is one, else zero for cpu/memory.
      value = container.resourcesOrEmpty().limits().get(name);
    }
    if (value == null) {
      value = nodeAllocatable.getOrDefault(name, Quantity.ZERO);
    }
    Quantity divisor = selector.divisor() == null || selector.divisor().amount().signum() == 0
        ? Quantity.parse("1") : selector.divisor();
    BigDecimal divided = "cpu".equals(name)
        ? BigDecimal.valueOf(value.milliValue()).divide(BigDecimal.valueOf(divisor.milliValue()), 0,
            RoundingMode.CEILING)
        : BigDecimal.valueOf(value.value()).divide(BigDecimal.valueOf(divisor.value()), 0, RoundingMode.CEILING);
    return divided.toPlainString();
  }

  private static String subscript(String path) {
    int open = path.indexOf("['");
    int close = path.lastIndexOf("']");
    return open >= 0 && close > open ? path.substring(open + 2, close) : null;
  }

  private static String lines(Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(values).forEach((k, v) -> out.append(k).append("=\"").append(v.replace("\\", "\\\\")
        .replace("\"", "\\\"").replace("\n", "\\n")).append("\"\n"));
    return out.toString().stripTrailing();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
