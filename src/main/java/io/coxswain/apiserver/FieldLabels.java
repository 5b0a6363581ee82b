package io.coxswain.apiserver;

import io.coxswain.api.ApiException;
import io.coxswain.api.ApiResource;
import io.coxswain.api.KubeObject;
import io.coxswain.api.core.Event;
import io.coxswain.api.core.Namespace;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.ObjectReference;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.core.Service;
import io.coxswain.api.selector.FieldSelector;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The fields each resource can be selected by ({@code fieldSelector}), as Kubernetes' field label
 * conversions define them; read straight from the typed objects so that selecting over a large
 * list costs no serialisation.
 */
final class FieldLabels {
  private static final Map<String, Map<String, Function<KubeObject, String>>> BY_RESOURCE = build();

  private FieldLabels() {}

  private static Map<String, Map<String, Function<KubeObject, String>>> build() {
    Map<String, Map<String, Function<KubeObject, String>>> all = new HashMap<>();
    all.put("pods", Map.of(
        "spec.nodeName", o -> ((Pod) o).spec().nodeName(),
        "spec.restartPolicy", o -> ((Pod) o).spec().restartPolicy(),
        "spec.schedulerName", o -> ((Pod) o).spec().schedulerName(),
        "spec.serviceAccountName", o -> ((Pod) o).spec().serviceAccountName(),
        "status.phase", o -> ((Pod) o).statusOrEmpty().phase(),
        "status.podIP", o -> ((Pod) o).statusOrEmpty().podIP()));
    all.put("events", Map.ofEntries(
        Map.entry("involvedObject.kind", o -> ref(o).map(ObjectReference::kind).orElse(null)),
        Map.entry("involvedObject.namespace", o -> ref(o).map(ObjectReference::namespace).orElse(null)),
        Map.entry("involvedObject.name", o -> ref(o).map(ObjectReference::name).orElse(null)),
        Map.entry("involvedObject.uid", o -> ref(o).map(ObjectReference::uid).orElse(null)),
        Map.entry("involvedObject.apiVersion", o -> ref(o).map(ObjectReference::apiVersion).orElse(null)),
        Map.entry("involvedObject.resourceVersion", o -> ref(o).map(ObjectReference::resourceVersion).orElse(null)),
        Map.entry("involvedObject.fieldPath", o -> ref(o).map(ObjectReference::fieldPath).orElse(null)),
        Map.entry("reason", o -> ((Event) o).reason()),
        Map.entry("reportingComponent", o -> ((Event) o).reportingComponent()),
        Map.entry("source", o -> ((Event) o).source() == null ? null : ((Event) o).source().component()),
        Map.entry("type", o -> ((Event) o).type())));
    all.put("nodes", Map.of("spec.unschedulable", o -> {
      Boolean unschedulable = ((Node) o).spec() == null ? null : ((Node) o).spec().unschedulable();
      return Boolean.toString(Boolean.TRUE.equals(unschedulable));
    }));
    all.put("namespaces", Map.of("status.phase",
        o -> ((Namespace) o).status() == null ? null : ((Namespace) o).status().phase()));
    all.put("replicationcontrollers", Map.of("status.replicas", o -> {
      ReplicationController rc = (ReplicationController) o;
      return rc.status() == null || rc.status().replicas() == null ? "0" : rc.status().replicas().toString();
    }));
    all.put("services", Map.of("spec.clusterIP",
        o -> ((Service) o).spec() == null ? null : ((Service) o).spec().clusterIP()));
    return Map.copyOf(all);
  }

  private static Optional<ObjectReference> ref(KubeObject o) {
    return Optional.ofNullable(((Event) o).involvedObject());
  }

  /** Rejects fields the resource cannot be selected by, with Kubernetes' message. */
  static void check(ApiResource resource, FieldSelector selector) {
    Map<String, Function<KubeObject, String>> fields = BY_RESOURCE.getOrDefault(resource.name(), Map.of());
    for (String field : selector.fields()) {
      if (!field.equals("metadata.name") && !field.equals("metadata.namespace") && !fields.containsKey(field)) {
        throw ApiException.badRequest("field label not supported: " + field);
      }
    }
  }

  /** The value of {@code field} on {@code object}; null when unset. */
  static String value(ApiResource resource, KubeObject object, String field) {
    if (field.equals("metadata.name")) {
      return object.metadata().name();
    }
    if (field.equals("metadata.namespace")) {
      return object.metadata().namespace();
    }
    Function<KubeObject, String> getter = BY_RESOURCE.getOrDefault(resource.name(), Map.of()).get(field);
    return getter == null ? null : getter.apply(object);
  }
}
