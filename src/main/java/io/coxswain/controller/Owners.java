package io.coxswain.controller;

import io.coxswain.api.KubeObject;
import io.coxswain.api.OwnerReference;
import io.coxswain.store.Indexes;
import java.util.List;

/** Reading and writing controller ownerReferences. */
final class Owners {
  private Owners() {}

  /** The uid of the object's controlling owner, or null for an orphan. */
  static String controllerUid(KubeObject object) {
    return Indexes.controllerUid(object);
  }

  static OwnerReference controllerRef(KubeObject owner) {
    return new OwnerReference(owner.apiVersion(), owner.kind(), owner.metadata().name(), owner.metadata().uid(), true,
        true);
  }

  /** The object with {@code owner} as its controller (other owners kept). */
  static KubeObject adopt(KubeObject object, KubeObject owner) {
    List<OwnerReference> refs = new java.util.ArrayList<>(
        object.metadata().ownerReferences() == null ? List.of() : object.metadata().ownerReferences());
    refs.add(controllerRef(owner));
    return object.withMetadata(object.metadata().withOwnerReferences(refs.isEmpty() ? null : refs));
  }

  /** The object without owner {@code ownerUid}. */
  static KubeObject release(KubeObject object, String ownerUid) {
    List<OwnerReference> refs = object.metadata().ownerReferences() == null ? List.of()
        : object.metadata().ownerReferences().stream().filter(r -> !ownerUid.equals(r.uid())).toList();
    return object.withMetadata(object.metadata().withOwnerReferences(refs.isEmpty() ? null : refs));
  }
}
