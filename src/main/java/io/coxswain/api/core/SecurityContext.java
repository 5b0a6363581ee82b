package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.SecurityContext}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SecurityContext(
    Boolean allowPrivilegeEscalation,
    AppArmorProfile appArmorProfile,
    Capabilities capabilities,
    Boolean privileged,
    String procMount,
    Boolean readOnlyRootFilesystem,
    Long runAsGroup,
    Boolean runAsNonRoot,
    Long runAsUser,
    SELinuxOptions seLinuxOptions,
    SeccompProfile seccompProfile,
    WindowsSecurityContextOptions windowsOptions) {

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
    private Boolean allowPrivilegeEscalation;
    private AppArmorProfile appArmorProfile;
    private Capabilities capabilities;
    private Boolean privileged;
    private String procMount;
    private Boolean readOnlyRootFilesystem;
    private Long runAsGroup;
    private Boolean runAsNonRoot;
    private Long runAsUser;
    private SELinuxOptions seLinuxOptions;
    private SeccompProfile seccompProfile;
    private WindowsSecurityContextOptions windowsOptions;

    private Builder() {}

    private Builder(SecurityContext from) {
      allowPrivilegeEscalation = from.allowPrivilegeEscalation;
      appArmorProfile = from.appArmorProfile;
      capabilities = from.capabilities;
      privileged = from.privileged;
      procMount = from.procMount;
      readOnlyRootFilesystem = from.readOnlyRootFilesystem;
      runAsGroup = from.runAsGroup;
      runAsNonRoot = from.runAsNonRoot;
      runAsUser = from.runAsUser;
      seLinuxOptions = from.seLinuxOptions;
      seccompProfile = from.seccompProfile;
      windowsOptions = from.windowsOptions;
    }

    public Builder allowPrivilegeEscalation(Boolean v) {
      allowPrivilegeEscalation = v;
      return this;
    }

    public Builder appArmorProfile(AppArmorProfile v) {
      appArmorProfile = v;
      return this;
    }

    public Builder capabilities(Capabilities v) {
      capabilities = v;
      return this;
    }

    public Builder privileged(Boolean v) {
      privileged = v;
      return this;
    }

    public Builder procMount(String v) {
      procMount = v;
      return this;
    }

    public Builder readOnlyRootFilesystem(Boolean v) {
      readOnlyRootFilesystem = v;
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

    public Builder seLinuxOptions(SELinuxOptions v) {
      seLinuxOptions = v;
      return this;
    }

    public Builder seccompProfile(SeccompProfile v) {
      seccompProfile = v;
      return this;
    }

    public Builder windowsOptions(WindowsSecurityContextOptions v) {
      windowsOptions = v;
      return this;
    }

    public SecurityContext build() {
      return new SecurityContext(allowPrivilegeEscalation, appArmorProfile, capabilities, privileged, procMount,
          readOnlyRootFilesystem, runAsGroup, runAsNonRoot, runAsUser, seLinuxOptions, seccompProfile,
          windowsOptions);
    }
  }
}
