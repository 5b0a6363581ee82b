package io.coxswain.apiserver.patch;

/**
 * The strategic-merge table of the kinds served: core/v1, and apps/v1 (whose pod templates merge
 * as a pod's spec does). Every entry mirrors a {@code patchStrategy:"merge"} struct tag in
 * k8s.io/api (and ObjectMeta in apimachinery). Lists deliberately absent
 * because Kubernetes replaces them: pod tolerations, readinessGates, container and init container
 * statuses, node taints and images, endpoint subsets, namespace spec finalizers.
 */
final class CoreV1PatchSchema {
    static final PatchSchema INSTANCE = build();

    private CoreV1PatchSchema() {}

    private static PatchSchema build() {
        PatchSchema.Builder b = PatchSchema.builder();
        for (String kind : new String[] {"Pod", "ReplicationController", "Service", "Endpoints", "Node",
                "Namespace", "Event", "ConfigMap", "Secret", "ServiceAccount", "Lease", "EndpointSlice",
                "Deployment", "ReplicaSet"}) {
            objectMeta(b, kind, "metadata");
        }

        podSpec(b, "Pod", "spec");
        b.list("Pod", "status.conditions", ListStrategy.byKey("type"));
        b.list("Pod", "status.podIPs", ListStrategy.byKey("ip"));
        b.list("Pod", "status.hostIPs", ListStrategy.byKey("ip"));
        b.list("Pod", "status.resourceClaimStatuses", ListStrategy.byKey("name"));

        objectMeta(b, "ReplicationController", "spec.template.metadata");
        podSpec(b, "ReplicationController", "spec.template.spec");
        b.list("ReplicationController", "status.conditions", ListStrategy.byKey("type"));

        for (String kind : new String[] {"Deployment", "ReplicaSet"}) {
            objectMeta(b, kind, "spec.template.metadata");
            podSpec(b, kind, "spec.template.spec");
            b.list(kind, "status.conditions", ListStrategy.byKey("type"));
        }
        b.list("ServiceAccount", "secrets", ListStrategy.byKey("name"));

        b.list("Service", "spec.ports", ListStrategy.byKey("port"));
        b.list("Service", "status.conditions", ListStrategy.byKey("type"));

        b.list("Node", "spec.podCIDRs", ListStrategy.scalarSet());
        b.list("Node", "status.conditions", ListStrategy.byKey("type"));
        b.list("Node", "status.addresses", ListStrategy.byKey("type"));

        b.list("Namespace", "status.conditions", ListStrategy.byKey("type"));
        return b.build();
    }

    private static void objectMeta(PatchSchema.Builder b, String kind, String prefix) {
        b.list(kind, prefix + ".finalizers", ListStrategy.scalarSet());
        b.list(kind, prefix + ".ownerReferences", ListStrategy.byKey("uid"));
    }

    private static void podSpec(PatchSchema.Builder b, String kind, String prefix) {
        b.list(kind, prefix + ".volumes", ListStrategy.byKey("name"));
        b.list(kind, prefix + ".imagePullSecrets", ListStrategy.byKey("name"));
        b.list(kind, prefix + ".hostAliases", ListStrategy.byKey("ip"));
        b.list(kind, prefix + ".topologySpreadConstraints", ListStrategy.byKey("topologyKey"));
        b.list(kind, prefix + ".schedulingGates", ListStrategy.byKey("name"));
        b.list(kind, prefix + ".resourceClaims", ListStrategy.byKey("name"));
        for (String containers : new String[] {"containers", "initContainers", "ephemeralContainers"}) {
            String path = prefix + "." + containers;
            b.list(kind, path, ListStrategy.byKey("name"));
            b.list(kind, path + ".ports", ListStrategy.byKey("containerPort"));
            b.list(kind, path + ".env", ListStrategy.byKey("name"));
            b.list(kind, path + ".volumeMounts", ListStrategy.byKey("mountPath"));
            b.list(kind, path + ".volumeDevices", ListStrategy.byKey("devicePath"));
        }
    }
}
