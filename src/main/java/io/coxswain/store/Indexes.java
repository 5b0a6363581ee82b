package io.coxswain.store;

import io.coxswain.api.KubeObject;
import io.coxswain.api.OwnerReference;
import io.coxswain.api.core.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The secondary indexes every {@link CacheView} keeps, and how to spell their values. Each costs
 * a persistent map update per change of an object it covers, so only what controllers ask for
 * repeatedly is indexed.
 */
public final class Indexes {
  private Indexes() {}

  /** Pods by controlling owner: {@code namespace/controllerUid}, or {@code namespace/} for pods without one. */
  public static final CacheIndex.Definition CONTROLLER = new CacheIndex.Definition("controller", "pods",
      o -> List.of(controller(o.metadata().namespace(), controllerUid(o))));

  /** Objects of every kind by the uid of each of their owners (the garbage collector's graph). */
  public static final CacheIndex.Definition OWNER = new CacheIndex.Definition("owner", null, Indexes::ownerUids);

  /** Pods by the node they are bound to; unbound pods under {@code ""} (the scheduler's queue). */
  public static final CacheIndex.Definition NODE = new CacheIndex.Definition("node", "pods",
      o -> List.of(nodeName((Pod) o)));

  /** Pods by each label: {@code namespace/key=value} (selectors start from their first requirement). */
  public static final CacheIndex.Definition LABEL = new CacheIndex.Definition("label", "pods", Indexes::labels);

  /**
   * EndpointSlices by the Service they belong to (label {@code kubernetes.io/service-name}):
   * {@code namespace/service}, read by the endpoint slice controller, the service proxy and DNS.
   */
  public static final CacheIndex.Definition SERVICE_NAME = new CacheIndex.Definition("service-name",
      "endpointslices", Indexes::serviceName);

  static final List<CacheIndex.Definition> ALL = List.of(CONTROLLER, OWNER, NODE, LABEL, SERVICE_NAME);

  public static String service(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static List<String> serviceName(KubeObject object) {
    String service = object.metadata().labelsOrEmpty().get("kubernetes.io/service-name");
    return service == null ? List.of() : List.of(service(object.metadata().namespace(), service));
  }

  public static String controller(String namespace, String controllerUid) {
    return namespace + "/" + (controllerUid == null ? "" : controllerUid);
  }

  public static String label(String namespace, String key, String value) {
    return namespace + "/" + key + "=" + value;
  }

  /** The uid of the object's controlling owner, or null. */
  public static String controllerUid(KubeObject object) {
    List<OwnerReference> refs = object.metadata().ownerReferences();
    if (refs != null) {
      for (OwnerReference ref : refs) {
        if (Boolean.TRUE.equals(ref.controller())) {
          return ref.uid();
        }
      }
    }
    return null;
  }

  private static List<String> ownerUids(KubeObject object) {
    List<OwnerReference> refs = object.metadata().ownerReferences();
    if (refs == null || refs.isEmpty()) {
      return List.of();
    }
    List<String> uids = new ArrayList<>(refs.size());
    for (OwnerReference ref : refs) {
      if (ref.uid() != null && !uids.contains(ref.uid())) {
        uids.add(ref.uid());
      }
    }
    return uids;
  }

  private static String nodeName(Pod pod) {
    String node = pod.spec().nodeName();
    return node == null ? "" : node;
  }

  private static List<String> labels(KubeObject object) {
    Map<String, String> labels = object.metadata().labels();
    if (labels == null || labels.isEmpty()) {
      return List.of();
    }
    List<String> values = new ArrayList<>(labels.size());
    labels.forEach((k, v) -> values.add(label(object.metadata().namespace(), k, v)));
    return values;
  }
}
