package io.coxswain.apiserver.openapi;

import java.util.Map;
import java.util.Set;

/**
 * Human text for the schemas: what {@code kubectl explain} prints. Keyed by the Java type's simple
 * name ("Pod") or "Type.field" ("Container.image"); a few fields every kind has are described once.
 * Written in our own words; the meaning follows the Kubernetes API reference.
 */
final class FieldDocs {
  private FieldDocs() {}

  private static final Map<String, String> COMMON = Map.of(
      "apiVersion", "APIVersion is the versioned schema of this representation of an object. The server "
          + "rejects objects whose version it does not serve.",
      "kind", "Kind is the REST resource this object represents, in CamelCase. The server can infer it from "
          + "the endpoint the object was sent to.",
      "metadata", "Standard object metadata: name, namespace, labels, annotations and the fields the server "
          + "maintains (uid, resourceVersion, creationTimestamp).",
      "spec", "Spec is the desired state of the object, written by its owner.",
      "status", "Status is the most recently observed state of the object, written by the system. Read-only.");

  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("Pod", "Pod is a collection of containers that can run on a host. Clients create pods; the "
          + "scheduler binds them to nodes and the node agent runs them."),
      Map.entry("PodSpec", "PodSpec is a description of a pod: its containers, volumes and placement."),
      Map.entry("PodStatus", "PodStatus is the most recently observed state of a pod, reported by its node."),
      Map.entry("Container", "A single application container that you want to run within a pod."),
      Map.entry("ContainerPort", "ContainerPort is a network port in a single container."),
      Map.entry("ContainerStatus", "ContainerStatus is the observed state of one container of a pod."),
      Map.entry("ContainerState", "ContainerState holds a possible state of a container. Only one of its "
          + "members may be set; if none is, the container is waiting."),
      Map.entry("EnvVar", "EnvVar is an environment variable present in a container."),
      Map.entry("VolumeMount", "VolumeMount describes a mounting of a volume within a container."),
      Map.entry("Volume", "Volume is a named volume in a pod that any container of the pod may mount."),
      Map.entry("Probe", "Probe describes a health check performed against a container to decide whether it "
          + "is alive or ready to receive traffic."),
      Map.entry("ReplicationController", "ReplicationController keeps a number of copies of a pod template "
          + "running: it creates pods when there are too few and deletes them when there are too many."),
      Map.entry("ReplicationControllerSpec", "ReplicationControllerSpec is the desired state of a replication "
          + "controller."),
      Map.entry("ReplicationControllerStatus", "ReplicationControllerStatus is the most recently observed "
          + "state of a replication controller."),
      Map.entry("PodTemplateSpec", "PodTemplateSpec describes the pods that are created from a template."),
      Map.entry("Service", "Service is a named abstraction of a software service: a stable port that the proxy "
          + "forwards to the ready pods its selector matches."),
      Map.entry("ServiceSpec", "ServiceSpec describes the attributes a user creates on a service."),
      Map.entry("ServicePort", "ServicePort contains information on a service's port."),
      Map.entry("Endpoints", "Endpoints is the set of addresses that implement a service, maintained from the "
          + "ready pods its selector matches."),
      Map.entry("EndpointSubset", "EndpointSubset is a group of addresses that all serve a common set of "
          + "ports."),
      Map.entry("Node", "Node is a worker in the cluster: one Coxswain member that runs pods."),
      Map.entry("NodeSpec", "NodeSpec describes the attributes a node is created with."),
      Map.entry("NodeStatus", "NodeStatus is the information about the current status of a node."),
      Map.entry("Namespace", "Namespace provides a scope for names. Most objects live in a namespace."),
      Map.entry("Event", "Event is a report of something that happened in the cluster, about one object."),
      Map.entry("Binding", "Binding ties one object to another; the scheduler posts one to bind a pod to a "
          + "node."),
      Map.entry("Scale", "Scale represents a scaling request for a resource."),
      Map.entry("ScaleSpec", "ScaleSpec describes the attributes of a scale subresource."),
      Map.entry("ScaleStatus", "ScaleStatus represents the current status of a scale subresource."),
      Map.entry("ObjectMeta", "ObjectMeta is metadata that all persisted resources must have, which includes "
          + "all objects users must create."),
      Map.entry("OwnerReference", "OwnerReference identifies an owning object; when every owner is gone the "
          + "object is garbage collected."),
      Map.entry("ObjectReference", "ObjectReference contains enough information to find the referred object."),
      Map.entry("Status", "Status is the return value for calls that do not return other objects, such as "
          + "errors."),
      Map.entry("ListMeta", "ListMeta describes metadata that synthetic resources such as lists carry."),
      Map.entry("DeleteOptions", "DeleteOptions may be provided when deleting an API object."),
      Map.entry("Patch", "Patch is provided to give a concrete name and type to the patch request body."),
      Map.entry("Info", "Info contains versioning information."),
      Map.entry("APIVersions", "APIVersions lists the versions that are available at /api."));

  private static final Map<String, String> FIELDS = Map.ofEntries(
      Map.entry("PodSpec.containers", "List of containers belonging to the pod. Containers cannot currently "
          + "be added or removed. There must be at least one container in a pod."),
      Map.entry("PodSpec.initContainers", "List of initialization containers, run in order before the app "
          + "containers start. Each must exit successfully before the next starts."),
      Map.entry("PodSpec.volumes", "List of volumes that can be mounted by containers belonging to the pod."),
      Map.entry("PodSpec.restartPolicy", "Restart policy for all containers within the pod. One of Always, "
          + "OnFailure, Never. Default to Always."),
      Map.entry("PodSpec.nodeName", "The node this pod is bound to. Set by the scheduler; setting it directly "
          + "skips scheduling."),
      Map.entry("PodSpec.nodeSelector", "A selector which must match a node's labels for the pod to be "
          + "scheduled on that node."),
      Map.entry("PodSpec.terminationGracePeriodSeconds", "Seconds the pod gets to terminate gracefully after "
          + "a stop signal before it is killed. Defaults to 30 seconds."),
      Map.entry("PodSpec.tolerations", "The pod's tolerations of node taints."),
      Map.entry("PodSpec.hostNetwork", "Use the host's network namespace. Default to false."),
      Map.entry("PodStatus.phase", "A simple, high-level summary of where the pod is in its lifecycle: "
          + "Pending, Running, Succeeded, Failed or Unknown."),
      Map.entry("PodStatus.conditions", "Current service state of pod (PodScheduled, Initialized, "
          + "ContainersReady, Ready)."),
      Map.entry("PodStatus.podIP", "IP address allocated to the pod. Routable at least within the cluster."),
      Map.entry("PodStatus.hostIP", "IP address of the host to which the pod is assigned."),
      Map.entry("PodStatus.containerStatuses", "The list has one entry per container in the manifest."),
      Map.entry("PodStatus.reason", "A brief CamelCase message indicating details about why the pod is in "
          + "this state, e.g. 'Evicted'."),
      Map.entry("Container.name", "Name of the container specified as a DNS_LABEL. Each container in a pod "
          + "must have a unique name. Cannot be updated."),
      Map.entry("Container.image", "Container image name. The image must exist on the node (Coxswain pulls "
          + "from no registry)."),
      Map.entry("Container.command", "Entrypoint array. Not executed within a shell. The image's ENTRYPOINT is "
          + "used if this is not provided."),
      Map.entry("Container.args", "Arguments to the entrypoint. The image's CMD is used if this is not "
          + "provided."),
      Map.entry("Container.ports", "List of ports to expose from the container. Informational, except for "
          + "named ports that services refer to."),
      Map.entry("Container.env", "List of environment variables to set in the container."),
      Map.entry("Container.resources", "Compute resources required by this container."),
      Map.entry("Container.volumeMounts", "Pod volumes to mount into the container's filesystem."),
      Map.entry("Container.livenessProbe", "Periodic probe of container liveness. The container is restarted "
          + "if the probe fails."),
      Map.entry("Container.readinessProbe", "Periodic probe of container service readiness. The container is "
          + "removed from service endpoints if the probe fails."),
      Map.entry("Container.imagePullPolicy", "Image pull policy. One of Always, Never, IfNotPresent."),
      Map.entry("Container.workingDir", "Container's working directory; the image's default if not given."),
      Map.entry("ContainerPort.containerPort", "Number of port to expose on the pod's IP address. This must be "
          + "a valid port number, 0 < x < 65536."),
      Map.entry("ContainerPort.name", "An IANA_SVC_NAME that services can refer to this port by."),
      Map.entry("ContainerPort.protocol", "Protocol for port. Must be UDP, TCP, or SCTP. Defaults to \"TCP\"."),
      Map.entry("EnvVar.name", "Name of the environment variable."),
      Map.entry("EnvVar.value", "Value of the environment variable; $(VAR_NAME) references are expanded."),
      Map.entry("ReplicationControllerSpec.replicas", "Replicas is the number of desired replicas. Defaults to "
          + "1."),
      Map.entry("ReplicationControllerSpec.selector", "Selector is a label query over pods that should match "
          + "the replicas count. Defaults to the template's labels."),
      Map.entry("ReplicationControllerSpec.template", "Template is the object that describes the pod that "
          + "will be created if insufficient replicas are detected."),
      Map.entry("ReplicationControllerStatus.replicas", "Replicas is the most recently observed number of "
          + "replicas."),
      Map.entry("ReplicationControllerStatus.readyReplicas", "The number of ready replicas for this "
          + "replication controller."),
      Map.entry("ServiceSpec.type", "How the service is exposed: ClusterIP (default), NodePort, LoadBalancer "
          + "or ExternalName."),
      Map.entry("ServiceSpec.selector", "Route service traffic to pods with label keys and values matching "
          + "this selector."),
      Map.entry("ServiceSpec.ports", "The list of ports that are exposed by this service."),
      Map.entry("ServiceSpec.clusterIP", "The IP address of the service, usually assigned by the server. "
          + "\"None\" makes a headless service."),
      Map.entry("ServicePort.port", "The port that will be exposed by this service."),
      Map.entry("ServicePort.targetPort", "Number or name of the port to access on the pods targeted by the "
          + "service. Defaults to the value of 'port'."),
      Map.entry("ServicePort.nodePort", "The port on each node on which this service is exposed when type is "
          + "NodePort or LoadBalancer."),
      Map.entry("NodeSpec.unschedulable", "Unschedulable controls node schedulability of new pods."),
      Map.entry("NodeStatus.conditions", "Conditions is an array of current observed node conditions."),
      Map.entry("NodeStatus.addresses", "List of addresses reachable to the node."),
      Map.entry("NodeStatus.capacity", "Capacity represents the total resources of a node."),
      Map.entry("NodeStatus.allocatable", "Allocatable represents the resources of a node that are available "
          + "for scheduling."),
      Map.entry("ObjectMeta.name", "Name must be unique within a namespace. Cannot be updated."),
      Map.entry("ObjectMeta.namespace", "Namespace defines the space within which each name must be unique."),
      Map.entry("ObjectMeta.labels", "Map of string keys and values that can be used to organize and "
          + "categorize (scope and select) objects."),
      Map.entry("ObjectMeta.annotations", "Annotations is an unstructured key value map stored with a resource "
          + "that may be set by external tools to store and retrieve arbitrary metadata."),
      Map.entry("ObjectMeta.resourceVersion", "An opaque value that represents the internal version of this "
          + "object, used for optimistic concurrency and watches. Read-only."),
      Map.entry("ObjectMeta.uid", "UID is the unique in time and space value for this object. Read-only."),
      Map.entry("ObjectMeta.generateName", "An optional prefix used by the server to generate a unique name "
          + "when name is not provided."),
      Map.entry("ObjectMeta.creationTimestamp", "The time this object was created, in RFC 3339 form. "
          + "Read-only."),
      Map.entry("ObjectMeta.deletionTimestamp", "The time after which this object will be deleted. Set by the "
          + "server when a graceful deletion is requested. Read-only."),
      Map.entry("ObjectMeta.ownerReferences", "List of objects depended by this object."),
      Map.entry("ObjectMeta.finalizers", "Must be empty before the object is deleted from the registry."),
      Map.entry("Event.involvedObject", "The object that this event is about."),
      Map.entry("Event.reason", "A short, machine understandable string that gives the reason for the "
          + "transition into the object's current status."),
      Map.entry("Event.message", "A human-readable description of the status of this operation."),
      Map.entry("Event.type", "Type of this event (Normal, Warning)."),
      Map.entry("Event.count", "The number of times this event has occurred."),
      Map.entry("Binding.target", "The target object that you want to bind to the standard object."),
      Map.entry("ScaleSpec.replicas", "replicas is the desired number of instances for the scaled object."),
      Map.entry("ScaleStatus.replicas", "replicas is the actual number of observed instances of the scaled "
          + "object."),
      Map.entry("ScaleStatus.selector", "selector is the label query over pods that should match the replicas "
          + "count, in query-parameter syntax."));

  /** Fields Kubernetes marks required; explain prints them with "-required-". */
  private static final Set<String> REQUIRED = Set.of(
      "PodSpec.containers", "Container.name", "ContainerPort.containerPort", "EnvVar.name", "VolumeMount.name",
      "VolumeMount.mountPath", "Volume.name", "ServicePort.port", "OwnerReference.apiVersion",
      "OwnerReference.kind", "OwnerReference.name", "OwnerReference.uid", "NodeAddress.type",
      "NodeAddress.address", "NodeCondition.type", "NodeCondition.status", "PodCondition.type",
      "PodCondition.status", "ContainerStatus.name", "ContainerStatus.ready", "ContainerStatus.restartCount",
      "ContainerStatus.image", "Event.metadata", "Event.involvedObject", "Binding.target",
      "EndpointAddress.ip", "EndpointPort.port", "ConfigMapKeySelector.key", "SecretKeySelector.key", "Taint.key", "Taint.effect",
      "ReplicationControllerStatus.replicas", "ScaleStatus.replicas", "HTTPHeader.name", "HTTPHeader.value");

  /**
   * The rest of core/v1 and meta/v1, kept as YAML beside this class ({@code types:} by type name,
   * {@code fields:} by "Type.field"); consulted after the maps above.
   */
  private static final String[] DOC_FILES = {"field-docs-pods.yaml", "field-docs-volumes.yaml",
      "field-docs-cluster.yaml", "field-docs-discovery.yaml", "field-docs-apps.yaml"};
  private static final Map<String, String> FILE_TYPES = new java.util.HashMap<>();
  private static final Map<String, String> FILE_FIELDS = new java.util.HashMap<>();

  static {
    for (String file : DOC_FILES) {
      try (java.io.InputStream in = FieldDocs.class.getResourceAsStream(file)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + file);
        }
        com.fasterxml.jackson.databind.JsonNode docs = io.coxswain.api.Json.yaml().readTree(in);
        docs.path("types").properties().forEach(e -> FILE_TYPES.put(e.getKey(), e.getValue().asText()));
        docs.path("fields").properties().forEach(e -> FILE_FIELDS.put(e.getKey(), e.getValue().asText()));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  static String ofType(Class<?> type) {
    String scoped = FILE_TYPES.get(scope(type) + type.getSimpleName());
    if (scoped != null) {
      return scoped;
    }
    String name = type.getSimpleName();
    String described = TYPES.getOrDefault(name, MoreFieldDocs.TYPES.get(name));
    return described != null ? described : FILE_TYPES.get(name);
  }

  /**
   * The key prefix of a named group's types in the doc files ("discovery." for
   * {@code io.coxswain.api.discovery}), so a type named as a core/v1 one (EndpointPort) has its own text.
   */
  private static String scope(Class<?> type) {
    String pkg = type.getPackageName();
    return pkg.equals("io.coxswain.api.discovery") ? "discovery." : "";
  }

  static String ofField(Class<?> owner, String field) {
    String scoped = FILE_FIELDS.get(scope(owner) + owner.getSimpleName() + "." + field);
    if (scoped != null) {
      return scoped;
    }
    String key = owner.getSimpleName() + "." + field;
    String specific = FIELDS.getOrDefault(key, MoreFieldDocs.FIELDS.getOrDefault(key, FILE_FIELDS.get(key)));
    return specific != null ? specific : COMMON.get(field);
  }

  /** Descriptions of the fields every kind has (apiVersion, kind, metadata, spec, status). */
  static String common(String field) {
    return COMMON.get(field);
  }

  static boolean required(Class<?> owner, String field) {
    return REQUIRED.contains(owner.getSimpleName() + "." + field);
  }

  static String ofList(String kind) {
    return kind + "List is a list of " + kind + " objects.";
  }
}
