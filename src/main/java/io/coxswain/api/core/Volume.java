package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Kubernetes {@code v1.Volume}: a name plus exactly one source. Only the sources a single-machine
 * runtime can honour are modelled; validation rejects a volume whose source is none of these
 * rather than silently running it as something else.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Volume(
    String name,
    EmptyDirVolumeSource emptyDir,
    HostPathVolumeSource hostPath,
    ConfigMapVolumeSource configMap,
    SecretVolumeSource secret,
    PersistentVolumeClaimVolumeSource persistentVolumeClaim) {

  public static Volume emptyDir(String name) {
    return new Volume(name, new EmptyDirVolumeSource(null, null), null, null, null, null);
  }

  public static Volume hostPath(String name, String path) {
    return new Volume(name, null, new HostPathVolumeSource(path, null), null, null, null);
  }

  /** How many sources are set; Kubernetes requires exactly one. */
  public int sourceCount() {
    int n = 0;
    for (Object source : new Object[] {emptyDir, hostPath, configMap, secret, persistentVolumeClaim}) {
      n += source == null ? 0 : 1;
    }
    return n;
  }
}
