package io.coxswain.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatchSchemaTest {
    private final PatchSchema schema = PatchSchema.kubernetesCoreV1();

    @Test
    void podSpecListsMergeByTheirKubernetesKeys() {
        assertThat(schema.listStrategy("Pod", "spec.containers")).contains(ListStrategy.byKey("name"));
        assertThat(schema.listStrategy("Pod", "spec.initContainers.env")).contains(ListStrategy.byKey("name"));
        assertThat(schema.listStrategy("Pod", "spec.containers.ports")).contains(ListStrategy.byKey("containerPort"));
        assertThat(schema.listStrategy("Pod", "spec.containers.volumeMounts")).contains(ListStrategy.byKey("mountPath"));
        assertThat(schema.listStrategy("Pod", "status.conditions")).contains(ListStrategy.byKey("type"));
        assertThat(schema.listStrategy("ReplicationController", "spec.template.spec.volumes"))
                .contains(ListStrategy.byKey("name"));
    }

    @Test
    void metadataListsExistForEveryKind() {
        for (String kind : new String[] {"Pod", "ReplicationController", "Service", "Endpoints", "Node",
                "Namespace", "Event"}) {
            assertThat(schema.listStrategy(kind, "metadata.finalizers")).contains(ListStrategy.scalarSet());
            assertThat(schema.listStrategy(kind, "metadata.ownerReferences")).contains(ListStrategy.byKey("uid"));
        }
    }

    @Test
    void untaggedListsAreReplaced() {
        assertThat(schema.listStrategy("Pod", "spec.tolerations")).isEmpty();
        assertThat(schema.listStrategy("Pod", "status.containerStatuses")).isEmpty();
        assertThat(schema.listStrategy("Node", "spec.taints")).isEmpty();
        assertThat(schema.listStrategy("Endpoints", "subsets")).isEmpty();
        assertThat(schema.listStrategy("Unknown", "spec.containers")).isEmpty();
        assertThat(schema.listStrategy(null, "spec.containers")).isEmpty();
    }
}
