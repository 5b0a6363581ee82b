package io.coxswain.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** Kubernetes {@code metav1.ObjectMeta}: the fields every stored object carries. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ObjectMeta(
    String name,
    String generateName,
    String namespace,
    String uid,
    String resourceVersion,
    Long generation,
    String creationTimestamp,
    String deletionTimestamp,
    Long deletionGracePeriodSeconds,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<OwnerReference> ownerReferences,
    List<String> finalizers,
    List<ManagedFieldsEntry> managedFields,
    String selfLink) {

  public ObjectMeta {
    managedFields = Collections2.listOrEmpty(managedFields);
    labels = labels == null ? null : Collections2.copyOfMap(labels);
    annotations = annotations == null ? null : Collections2.copyOfMap(annotations);
    ownerReferences = ownerReferences == null ? null : List.copyOf(ownerReferences);
    finalizers = finalizers == null ? null : List.copyOf(finalizers);
  }

  public static ObjectMeta named(String namespace, String name) {
    return new ObjectMeta(name, null, namespace, null, null, null, null, null, null, null, null, null, null, null,
        null);
  }

  public Map<String, String> labelsOrEmpty() {
    return labels == null ? Map.of() : labels;
  }

  public Map<String, String> annotationsOrEmpty() {
    return annotations == null ? Map.of() : annotations;
  }

  public List<String> finalizersOrEmpty() {
    return finalizers == null ? List.of() : finalizers;
  }

  public ObjectMeta withName(String v) {
    return new ObjectMeta(v, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
        deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers,
            managedFields, selfLink);
  }

  /** Named by the server from this prefix plus five random characters, as Kubernetes does. */
  public static ObjectMeta generated(String namespace, String prefix) {
    return new ObjectMeta(null, prefix, namespace, null, null, null, null, null, null, null, null, null, null, null,
        null);
  }

  public ObjectMeta withNamespace(String v) {
    return new ObjectMeta(name, generateName, v, uid, resourceVersion, generation, creationTimestamp,
        deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers,
            managedFields, selfLink);
  }

  public ObjectMeta withUid(String v) {
    return new ObjectMeta(name, generateName, namespace, v, resourceVersion, generation, creationTimestamp,
        deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers,
            managedFields, selfLink);
  }

  public ObjectMeta withResourceVersion(String v) {
    return new ObjectMeta(name, generateName, namespace, uid, v, generation, creationTimestamp,
        deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers,
            managedFields, selfLink);
  }

  public ObjectMeta withGeneration(Long v) {
    return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, v, creationTimestamp,
        deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers,
            managedFields, selfLink);
  }

  public ObjectMeta withCreationTimestamp(String v) {
    return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, v,
        deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers,
            managedFields, selfLink);
  }

  public ObjectMeta withDeletion(String timestamp, Long gracePeriodSeconds) {
    return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
        timestamp, gracePeriodSeconds, labels, annotations, ownerReferences, finalizers, managedFields, selfLink);
  }

  public ObjectMeta withLabels(Map<String, String> v) {
    return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
        deletionTimestamp, deletionGracePeriodSeconds, v, annotations, ownerReferences, finalizers, managedFields,
            selfLink);
  }

  public ObjectMeta withAnnotations(Map<String, String> v) {
    return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
        deletionTimestamp, deletionGracePeriodSeconds, labels, v, ownerReferences, finalizers, managedFields,
            selfLink);
  }

  public ObjectMeta withOwnerReferences(List<OwnerReference> v) {
    return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
        deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, v, finalizers, managedFields, selfLink);
  }

  public ObjectMeta withFinalizers(List<String> v) {
    return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
        deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, v, managedFields,
            selfLink);
  }

  /** Field ownership, as the API's field manager records it (server-side apply). */
  public ObjectMeta withManagedFields(List<ManagedFieldsEntry> v) {
    return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
        deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers, v, selfLink);
  }
}
