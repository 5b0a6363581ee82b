package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.LinuxContainerUser}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LinuxContainerUser(
    Long gid,
    List<Long> supplementalGroups,
    Long uid) {

  public LinuxContainerUser {
    supplementalGroups = Collections2.listOrEmpty(supplementalGroups);
  }
}
