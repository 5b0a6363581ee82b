package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.PodSecurityContext}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodSecurityContext(
    AppArmorProfile appArmorProfile,
    Long fsGroup,
    String fsGroupChangePolicy,
    Long runAsGroup,
    Boolean runAsNonRoot,
    Long runAsUser,
    String seLinuxChangePolicy,
    SELinuxOptions seLinuxOptions,
    SeccompProfile seccompProfile,
    List<Long> supplementalGroups,
    String supplementalGroupsPolicy,
    List<Sysctl> sysctls,
    WindowsSecurityContextOptions windowsOptions) {

  public PodSecurityContext {
    supplementalGroups = Collections2.listOrEmpty(supplementalGroups);
    sysctls = Collections2.listOrEmpty(sysctls);
  }

  /** A builder starting from this object's fields, for changing a few of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A builder with every field unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** Sets fields one at a time; {@link #build()} makes the immutable record. */
  public static final class Builder {
    private AppArmorProfile appArmorProfile;
    private Long fsGroup;
    private String fsGroupChangePolicy;
    private Long runAsGroup;
    private Boolean runAsNonRoot;
    private Long runAsUser;
    private String seLinuxChangePolicy;
    private SELinuxOptions seLinuxOptions;
    private SeccompProfile seccompProfile;
    private List<Long> supplementalGroups;
    private String supplementalGroupsPolicy;
    private List<Sysctl> sysctls;
    private WindowsSecurityContextOptions windowsOptions;

    private Builder() {}

    private Builder(PodSecurityContext from) {
      appArmorProfile = from.appArmorProfile;
      fsGroup = from.fsGroup;
      fsGroupChangePolicy = from.fsGroupChangePolicy;
      runAsGroup = from.runAsGroup;
      runAsNonRoot = from.runAsNonRoot;
      runAsUser = from.runAsUser;
      seLinuxChangePolicy = from.seLinuxChangePolicy;
      seLinuxOptions = from.seLinuxOptions;
      seccompProfile = from.seccompProfile;
      supplementalGroups = from.supplementalGroups;
      supplementalGroupsPolicy = from.supplementalGroupsPolicy;
      sysctls = from.sysctls;
      windowsOptions = from.windowsOptions;
    }

    public Builder appArmorProfile(AppArmorProfile v) {
      appArmorProfile = v;
      return this;
    }

    public Builder fsGroup(Long v) {
      fsGroup = v;
      return this;
    }

    public Builder fsGroupChangePolicy(String v) {
      fsGroupChangePolicy = v;
      return this;
    }

    public Builder runAsGroup(Long v) {
      runAsGroup = v;
      return this;
    }

    public Builder runAsNonRoot(Boolean v) {
      runAsNonRoot = v;
      return this;
    }

    public Builder runAsUser(Long v) {
      runAsUser = v;
      return this;
    }

    public Builder seLinuxChangePolicy(String v) {
      seLinuxChangePolicy = v;
      return this;
    }

    public Builder seLinuxOptions(SELinuxOptions v) {
      seLinuxOptions = v;
      return this;
    }

    public Builder seccompProfile(SeccompProfile v) {
      seccompProfile = v;
      return this;
    }

    public Builder supplementalGroups(List<Long> v) {
      supplementalGroups = v;
      return this;
    }

    public Builder supplementalGroupsPolicy(String v) {
      supplementalGroupsPolicy = v;
      return this;
    }

    public Builder sysctls(List<Sysctl> v) {
      sysctls = v;
      return this;
    }

    public Builder windowsOptions(WindowsSecurityContextOptions v) {
      windowsOptions = v;
      return this;
    }

    public PodSecurityContext build() {
      return new PodSecurityContext(appArmorProfile, fsGroup, fsGroupChangePolicy, runAsGroup, runAsNonRoot,
          runAsUser, seLinuxChangePolicy, seLinuxOptions, seccompProfile, supplementalGroups,
          supplementalGroupsPolicy, sysctls, windowsOptions);
    }
  }
}
