package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;
import java.util.List;

/**
 * Kubernetes {@code v1.ServiceAccount}: an identity for the processes of pods. Every namespace has
 * one named {@code default}, which pods that name none run as.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceAccount(String apiVersion, String kind, ObjectMeta metadata, List<ObjectReference> secrets,
                             List<LocalObjectReference> imagePullSecrets, Boolean automountServiceAccountToken)
    implements KubeObject {

  public ServiceAccount {
    apiVersion = apiVersion == null ? "v1" : apiVersion;
    kind = kind == null ? "ServiceAccount" : kind;
    metadata = metadata == null ? ObjectMeta.named(null, null) : metadata;
    secrets = secrets == null ? null : List.copyOf(secrets);
    imagePullSecrets = imagePullSecrets == null ? null : List.copyOf(imagePullSecrets);
  }

  public static ServiceAccount named(String namespace, String name) {
    return new ServiceAccount("v1", "ServiceAccount", ObjectMeta.named(namespace, name), null, null, null);
  }

  @Override
  public ServiceAccount withMetadata(ObjectMeta v) {
    return new ServiceAccount(apiVersion, kind, v, secrets, imagePullSecrets, automountServiceAccountToken);
  }
}
