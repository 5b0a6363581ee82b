package io.coxswain.apiserver.table;

import io.coxswain.api.KubeObject;
import java.util.Map;

/** The printer of each resource, by resource name; other resources use {@link DefaultPrinter}. */
final class Printers {
  private static final Map<String, RowPrinter<? extends KubeObject>> BY_RESOURCE = Map.of(
      "pods", new PodPrinter(),
      "replicationcontrollers", new ReplicationControllerPrinter(),
      "services", new ServicePrinter(),
      "nodes", new NodePrinter(),
      "namespaces", new NamespacePrinter(),
      "endpoints", new EndpointsPrinter(),
      "events", new EventPrinter(),
      "configmaps", new ConfigPrinters.ConfigMapPrinter(),
      "secrets", new ConfigPrinters.SecretPrinter(),
      "serviceaccounts", new ConfigPrinters.ServiceAccountPrinter());
  private static final RowPrinter<KubeObject> DEFAULT = new DefaultPrinter();

  private Printers() {}

  static RowPrinter<? extends KubeObject> forResource(String resourceName) {
    return BY_RESOURCE.getOrDefault(resourceName, DEFAULT);
  }

  static RowPrinter<KubeObject> fallback() {
    return DEFAULT;
  }
}
