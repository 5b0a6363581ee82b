package io.coxswain.controller;

import io.coxswain.api.KubeObject;
import io.coxswain.api.apps.ReplicaSet;
import io.coxswain.api.core.PodTemplateSpec;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.selector.ApiSelectors;
import io.coxswain.api.selector.LabelSelector;

/**
 * What the replica controller needs of a ReplicationController or a ReplicaSet, so one reconciler
 * serves both: the object, its desired replicas, minReadySeconds, its selector parsed (equality-based
 * for an RC, set-based for a ReplicaSet), its pod template, and the rolling update an RC asks for
 * ({@link RollingUpdateSpec}; null when none).
 */
record ReplicaOwner(KubeObject object, String resource, int replicas, int minReadySeconds, LabelSelector selector,
    PodTemplateSpec template, RollingUpdateSpec rollingUpdate) {

  static ReplicaOwner of(KubeObject object) {
    if (object instanceof ReplicationController rc) {
      return new ReplicaOwner(rc, "replicationcontrollers", rc.spec().replicas() == null ? 1 : rc.spec().replicas(),
          rc.spec().minReadySeconds() == null ? 0 : rc.spec().minReadySeconds(),
          LabelSelector.fromMap(rc.spec().selector()), rc.spec().template(),
          RollingUpdateSpec.of(rc, rc.spec().template()));
    }
    ReplicaSet rs = (ReplicaSet) object;
    LabelSelector selector = ApiSelectors.of(rs.spec().selector());
    return new ReplicaOwner(rs, "replicasets", rs.spec().replicas() == null ? 1 : rs.spec().replicas(),
        rs.spec().minReadySeconds() == null ? 0 : rs.spec().minReadySeconds(),
        selector == null ? LabelSelector.everything() : selector, rs.spec().template(), null);
  }

  String uid() {
    return object.metadata().uid();
  }

  String namespace() {
    return object.metadata().namespace();
  }

  String name() {
    return object.metadata().name();
  }
}
