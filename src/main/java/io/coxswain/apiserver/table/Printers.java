package io.coxswain.apiserver.table;

import io.coxswain.api.KubeObject;
import java.util.Map;

/** The printer of each resource, by resource name; other resources use {@link DefaultPrinter}. */
final class Printers {
  private static final Map<String, RowPrinter<? extends KubeObject>> BY_RESOURCE = Map.ofEntries(
      Map.entry("pods", new PodPrinter()),
      Map.entry("replicationcontrollers", new ReplicationControllerPrinter()),
      Map.entry("services", new ServicePrinter()),
      Map.entry("nodes", new NodePrinter()),
      Map.entry("namespaces", new NamespacePrinter()),
      Map.entry("endpoints", new EndpointsPrinter()),
      Map.entry("events", new EventPrinter()),
      Map.entry("configmaps", new ConfigPrinters.ConfigMapPrinter()),
      Map.entry("secrets", new ConfigPrinters.SecretPrinter()),
      Map.entry("serviceaccounts", new ConfigPrinters.ServiceAccountPrinter()),
      Map.entry("leases", new LeasePrinter()),
      Map.entry("endpointslices", new EndpointSlicePrinter()),
      Map.entry("deployments", new AppsPrinters.DeploymentPrinter()),
      Map.entry("replicasets", new AppsPrinters.ReplicaSetPrinter()));
  private static final RowPrinter<KubeObject> DEFAULT = new DefaultPrinter();

  private Printers() {}

  static RowPrinter<? extends KubeObject> forResource(String resourceName) {
    return BY_RESOURCE.getOrDefault(resourceName, DEFAULT);
  }

  static RowPrinter<KubeObject> fallback() {
    return DEFAULT;
  }
}
