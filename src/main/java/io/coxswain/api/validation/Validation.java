package io.coxswain.api.validation;

import io.coxswain.api.KubeObject;
import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.core.Binding;
import io.coxswain.api.core.ConfigMap;
import io.coxswain.api.core.Secret;
import io.coxswain.api.core.ServiceAccount;
import io.coxswain.api.core.Endpoints;
import io.coxswain.api.core.Event;
import io.coxswain.api.core.Namespace;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.core.Scale;
import io.coxswain.api.core.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' validation for the core v1 kinds, with its field paths, cause types and messages.
 * Call after defaulting; an empty list means valid, otherwise answer 422 with
 * {@link io.coxswain.api.ApiException#invalid}.
 */
public final class Validation {
  private Validation() {}

  public static List<StatusCause> validateCreate(KubeObject obj) {
    List<StatusCause> out = new ArrayList<>();
    validateObject(obj, out);
    if (obj instanceof Pod pod) {
      SchedulingGateChecks.create(pod.spec(), out);
    }
    return List.copyOf(out);
  }

  /** What an object must be on its own, created or updated (the rules both paths share). */
  private static void validateObject(KubeObject obj, List<StatusCause> out) {
    if (obj instanceof Pod pod) {
      MetaValidation.objectMeta(pod.metadata(), true, Names::dns1123Subdomain, out);
      PodValidation.spec(pod.spec(), "spec", out);
    } else if (obj instanceof ReplicationController rc) {
      ControllerValidation.replicationController(rc, out);
    } else if (obj instanceof Service service) {
      ServiceValidation.create(service, out);
    } else if (obj instanceof Endpoints endpoints) {
      ClusterValidation.endpoints(endpoints, out);
    } else if (obj instanceof Node node) {
      ClusterValidation.node(node, out);
    } else if (obj instanceof Namespace namespace) {
      ClusterValidation.namespace(namespace, out);
    } else if (obj instanceof Event event) {
      ClusterValidation.event(event, out);
    } else if (obj instanceof Scale scale) {
      ControllerValidation.scale(scale, out);
    } else if (obj instanceof Binding binding) {
      ClusterValidation.binding(binding, out);
    } else if (obj instanceof ConfigMap cm) {
      ConfigValidation.configMap(cm, out);
    } else if (obj instanceof Secret secret) {
      ConfigValidation.secret(secret, out);
    } else if (obj instanceof ServiceAccount sa) {
      ConfigValidation.serviceAccount(sa, out);
    } else if (obj instanceof io.coxswain.api.coordination.Lease lease) {
      ConfigValidation.lease(lease, out);
    } else if (obj instanceof io.coxswain.api.apps.Deployment d) {
      AppsValidation.deployment(d, out);
    } else if (obj instanceof io.coxswain.api.apps.ReplicaSet rs) {
      AppsValidation.replicaSet(rs, out);
    } else if (obj instanceof io.coxswain.api.discovery.EndpointSlice slice) {
      EndpointSliceValidation.endpointSlice(slice, out);
    } else {
      MetaValidation.objectMeta(obj.metadata(), true, Names::dns1123Subdomain, out);
    }
  }

  /**
   * An update through the status subresource (Kubernetes' ValidateXStatusUpdate): the spec and
   * metadata come from the stored object, which was valid when written, so only the kind and the
   * object's identity are checked — not the whole spec again on every status write.
   */
  public static List<StatusCause> validateStatusUpdate(KubeObject oldObj, KubeObject newObj) {
    List<StatusCause> out = new ArrayList<>();
    if (!oldObj.kind().equals(newObj.kind())) {
      out.add(Causes.immutable("kind", newObj.kind()));
      return List.copyOf(out);
    }
    MetaValidation.objectMetaUpdate(oldObj.metadata(), newObj.metadata(), out);
    return List.copyOf(out);
  }

  /**
   * The new object must be valid on its own, keep its identity (name, namespace, uid,
   * creationTimestamp), and respect each kind's immutable fields.
   */
  public static List<StatusCause> validateUpdate(KubeObject oldObj, KubeObject newObj) {
    List<StatusCause> out = new ArrayList<>();
    if (!oldObj.kind().equals(newObj.kind())) {
      out.add(Causes.immutable("kind", newObj.kind()));
      return List.copyOf(out);
    }
    MetaValidation.objectMetaUpdate(oldObj.metadata(), newObj.metadata(), out);
    validateObject(newObj, out);
    if (oldObj instanceof Pod o && newObj instanceof Pod n) {
      PodUpdateValidation.update(o.spec(), n.spec(), out);
    } else if (oldObj instanceof Service o && newObj instanceof Service n) {
      ServiceValidation.update(o, n, out);
    } else if (oldObj instanceof ConfigMap o && newObj instanceof ConfigMap n) {
      ConfigValidation.configMapUpdate(o, n, out);
    } else if (oldObj instanceof Secret o && newObj instanceof Secret n) {
      ConfigValidation.secretUpdate(o, n, out);
    } else if (oldObj instanceof io.coxswain.api.apps.Deployment o && newObj instanceof io.coxswain.api.apps.Deployment n) {
      AppsValidation.selectorUnchanged(o.spec().selector(), n.spec().selector(), out);
    } else if (oldObj instanceof io.coxswain.api.apps.ReplicaSet o && newObj instanceof io.coxswain.api.apps.ReplicaSet n) {
      AppsValidation.selectorUnchanged(o.spec().selector(), n.spec().selector(), out);
    }
    return List.copyOf(out);
  }
}
