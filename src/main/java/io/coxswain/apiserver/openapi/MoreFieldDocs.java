package io.coxswain.apiserver.openapi;

import java.util.Map;

/**
 * Descriptions of the kinds and fields added with the full core/v1 model (placement, security,
 * configuration, leases), in our own words; {@link FieldDocs} consults them after its own.
 */
final class MoreFieldDocs {
  private MoreFieldDocs() {}

  static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("ConfigMap", "ConfigMap holds configuration for pods: text values under data and binary ones "
          + "under binaryData, read as environment variables or files."),
      Map.entry("Secret", "Secret holds a small amount of sensitive data, base64-encoded under data; stringData "
          + "is a write-only convenience folded into data."),
      Map.entry("ServiceAccount", "ServiceAccount is an identity that the processes of a pod run as. Every "
          + "namespace has one named default."),
      Map.entry("Lease", "Lease records who holds something and until when; each node renews one in "
          + "kube-node-lease as its heartbeat."),
      Map.entry("LeaseSpec", "LeaseSpec is who holds a lease, for how long, and when it was last renewed."),
      Map.entry("Affinity", "Affinity groups the pod's placement rules relative to nodes and to other pods."),
      Map.entry("NodeAffinity", "NodeAffinity constrains which nodes the pod may run on, by node labels and fields."),
      Map.entry("PodAffinity", "PodAffinity places the pod in the same topology domain as pods it selects."),
      Map.entry("PodAntiAffinity", "PodAntiAffinity keeps the pod out of topology domains holding pods it selects."),
      Map.entry("PodAffinityTerm", "PodAffinityTerm selects pods (by labels, in some namespaces) and names the node "
          + "label that defines a topology domain."),
      Map.entry("NodeSelectorTerm", "NodeSelectorTerm is a set of node requirements that must all hold."),
      Map.entry("PodSecurityContext", "PodSecurityContext holds security settings that apply to all containers of "
          + "the pod."),
      Map.entry("SecurityContext", "SecurityContext holds security settings for one container; they override the "
          + "pod's."),
      Map.entry("EnvFromSource", "EnvFromSource imports every key of a ConfigMap or Secret as environment "
          + "variables."),
      Map.entry("EnvVarSource", "EnvVarSource takes a variable's value from a ConfigMap, a Secret, a field of the "
          + "pod or a resource of the container."),
      Map.entry("Lifecycle", "Lifecycle holds actions the node runs right after a container starts and right "
          + "before it is stopped."),
      Map.entry("Toleration", "Toleration lets the pod run on (or stay on) nodes with a matching taint."),
      Map.entry("Taint", "Taint keeps pods that do not tolerate it off a node (NoSchedule), less likely there "
          + "(PreferNoSchedule), or evicts them (NoExecute)."),
      Map.entry("TopologySpreadConstraint", "TopologySpreadConstraint asks for matching pods to be spread evenly "
          + "across topology domains."),
      Map.entry("ManagedFieldsEntry", "ManagedFieldsEntry records which fields one manager set, by which "
          + "operation, and when."));

  static final Map<String, String> FIELDS = Map.ofEntries(
      Map.entry("PodSpec.affinity", "The pod's placement rules relative to nodes and to other pods."),
      Map.entry("PodSpec.securityContext", "Security settings for every container of the pod."),
      Map.entry("PodSpec.serviceAccountName", "The ServiceAccount the pod runs as; default when not set."),
      Map.entry("PodSpec.serviceAccount", "Deprecated alias of serviceAccountName."),
      Map.entry("PodSpec.imagePullSecrets", "Secrets holding credentials for pulling the pod's images."),
      Map.entry("PodSpec.hostAliases", "Extra entries written into the /etc/hosts file of the pod's containers."),
      Map.entry("PodSpec.dnsPolicy", "How DNS is set up for the pod: ClusterFirst (the default), Default, None "
          + "(dnsConfig only) or ClusterFirstWithHostNet."),
      Map.entry("PodSpec.dnsConfig", "DNS settings merged into what dnsPolicy produces: nameservers, search "
          + "domains and resolver options."),
      Map.entry("PodSpec.topologySpreadConstraints", "How the pod and its peers should spread across topology "
          + "domains."),
      Map.entry("PodSpec.schedulingGates", "While any gate is listed the pod is not scheduled; removing the last "
          + "one lets it be placed."),
      Map.entry("PodSpec.enableServiceLinks", "Whether the Services of the namespace are injected as environment "
          + "variables. Defaults to true."),
      Map.entry("PodSpec.automountServiceAccountToken", "Whether a token of the service account is mounted."),
      Map.entry("PodSpec.shareProcessNamespace", "Whether the containers of the pod see each other's processes."),
      Map.entry("PodSpec.hostname", "The pod's hostname; the pod's name when not set."),
      Map.entry("PodSpec.subdomain", "With a headless Service of this name, the pod gets the DNS name "
          + "hostname.subdomain.namespace.svc."),
      Map.entry("PodSpec.priorityClassName", "The name of a PriorityClass whose value becomes the pod's priority."),
      Map.entry("PodSpec.priority", "The pod's priority, set on admission from its priority class (0 without "
          + "one)."),
      Map.entry("PodSpec.preemptionPolicy", "Whether the pod may preempt lower-priority pods: "
          + "PreemptLowerPriority (the default) or Never."),
      Map.entry("PodSpec.activeDeadlineSeconds", "How long the pod may be active before the node stops it and "
          + "marks it Failed."),
      Map.entry("PodSpec.schedulerName", "The scheduler that places the pod; default-scheduler by default."),
      Map.entry("Container.envFrom", "Sources whose every key becomes an environment variable, before env."),
      Map.entry("Container.lifecycle", "Actions run right after the container starts and before it is stopped."),
      Map.entry("Container.securityContext", "Security settings of this container, overriding the pod's."),
      Map.entry("Container.startupProbe", "A probe that must pass before the other probes start; while it "
          + "fails past its threshold the container is restarted."),
      Map.entry("Container.restartPolicy", "On an init container, Always makes it a sidecar: started before the "
          + "app containers and kept running beside them."),
      Map.entry("Container.stdin", "Whether the container keeps a standard input open."),
      Map.entry("Container.tty", "Whether the container gets a terminal."),
      Map.entry("EnvVar.valueFrom", "Where the value comes from, instead of value."),
      Map.entry("Affinity.nodeAffinity", "Rules on the nodes the pod may run on."),
      Map.entry("Affinity.podAffinity", "Rules to run near pods the terms select."),
      Map.entry("Affinity.podAntiAffinity", "Rules to run away from pods the terms select."),
      Map.entry("NodeAffinity.requiredDuringSchedulingIgnoredDuringExecution", "Terms a node must match (any "
          + "of them) for the pod to be placed there."),
      Map.entry("NodeAffinity.preferredDuringSchedulingIgnoredDuringExecution", "Weighted terms; nodes matching "
          + "more weight are preferred."),
      Map.entry("PodAffinityTerm.topologyKey", "The node label whose value defines a topology domain, e.g. "
          + "kubernetes.io/hostname for one node."),
      Map.entry("PodAffinityTerm.labelSelector", "The pods this term is about."),
      Map.entry("PodAffinityTerm.namespaces", "Namespaces whose pods the term selects; the pod's own when neither "
          + "this nor namespaceSelector is set."),
      Map.entry("PodAffinityTerm.namespaceSelector", "Namespaces, by label, whose pods the term selects; an empty "
          + "selector means every namespace."),
      Map.entry("Toleration.key", "The taint key this toleration matches; empty with operator Exists matches "
          + "every key."),
      Map.entry("Toleration.operator", "Equal (the default) compares value; Exists matches any value."),
      Map.entry("Toleration.effect", "The taint effect matched; empty matches every effect."),
      Map.entry("Toleration.tolerationSeconds", "How long a NoExecute taint is tolerated before the pod is "
          + "evicted; forever when not set."),
      Map.entry("ConfigMap.data", "Text values by key."),
      Map.entry("ConfigMap.binaryData", "Binary values by key, base64-encoded; keys must not repeat those of data."),
      Map.entry("ConfigMap.immutable", "When true the data can no longer change, and the flag cannot be unset."),
      Map.entry("Secret.data", "Values by key, base64-encoded."),
      Map.entry("Secret.stringData", "Write-only plain-text values, folded into data on write."),
      Map.entry("Secret.type", "The kind of secret (Opaque by default), which decides the keys it must have."),
      Map.entry("Secret.immutable", "When true the data can no longer change, and the flag cannot be unset."),
      Map.entry("ServiceAccount.secrets", "Secrets pods running as this account may use."),
      Map.entry("ServiceAccount.imagePullSecrets", "Pull credentials added to pods running as this account."),
      Map.entry("LeaseSpec.holderIdentity", "Who holds the lease."),
      Map.entry("LeaseSpec.leaseDurationSeconds", "How long the holder keeps the lease after its last renewal."),
      Map.entry("LeaseSpec.renewTime", "When the holder last renewed the lease."),
      Map.entry("LeaseSpec.acquireTime", "When the current holder acquired the lease."),
      Map.entry("LeaseSpec.leaseTransitions", "How many times the lease changed holder."),
      Map.entry("ObjectMeta.managedFields", "Which manager set which fields, for server-side apply; kept by the "
          + "server."));
}
