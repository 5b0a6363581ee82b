package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.FCVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FCVolumeSource(
    String fsType,
    Integer lun,
    Boolean readOnly,
    List<String> targetWWNs,
    List<String> wwids) {

  public FCVolumeSource {
    targetWWNs = Collections2.listOrEmpty(targetWWNs);
    wwids = Collections2.listOrEmpty(wwids);
  }
}
