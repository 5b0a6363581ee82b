package io.coxswain.node.pod;

import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Volume;

/**
 * Which volume sources a Coxswain node can set up: emptyDir (on disk or in memory), hostPath, and
 * the files it writes itself (configMap, secret, downwardAPI, projected). The API keeps every
 * source Kubernetes accepts; for any other (nfs, iscsi, csi, persistentVolumeClaim, ...) a node
 * does what a kubelet without that volume plugin does: the pod's containers wait in
 * ContainerCreating and a FailedMount Event names the volume and its type. Pure.
 */
final class PodVolumes {
  private PodVolumes() {}

  /** The FailedMount message for the pod's first volume this node cannot set up, or null when it can set up all. */
  static String unsupported(Pod pod) {
    for (Volume volume : pod.spec().volumes()) {
      String type = sourceName(volume);
      if (type != null) {
        return "MountVolume.SetUp failed for volume \"" + volume.name() + "\" : volume type " + type
            + " is not supported on this node (no volume plugin matched)";
      }
    }
    return null;
  }

  /** The JSON name of a source the node cannot set up, or null for a supported one. */
  private static String sourceName(Volume v) {
    if (v.emptyDir() != null || v.hostPath() != null || v.configMap() != null || v.secret() != null
        || v.downwardAPI() != null || v.projected() != null) {
      return null;
    }
    if (v.sources().stream().allMatch(java.util.Objects::isNull)) {
      return null; // no source at all is an emptyDir (defaulted by the API)
    }
    java.util.List<Object> sources = v.sources();
    for (int i = 0; i < sources.size(); i++) {
      if (sources.get(i) != null) {
        return Volume.SOURCE_NAMES.get(i);
      }
    }
    return null;
  }
}
