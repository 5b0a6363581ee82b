package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import io.coxswain.api.Quantity;
import java.util.List;
import java.util.Map;

/** Kubernetes {@code v1.PodSpec}: every field of the API, so what a client writes it reads back. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodSpec(
    List<Volume> volumes,
    List<Container> initContainers,
    List<Container> containers,
    String restartPolicy,
    Long terminationGracePeriodSeconds,
    Long activeDeadlineSeconds,
    String dnsPolicy,
    Map<String, String> nodeSelector,
    String serviceAccountName,
    String nodeName,
    Boolean hostNetwork,
    String hostname,
    String subdomain,
    String schedulerName,
    List<Toleration> tolerations,
    String priorityClassName,
    Integer priority,
    Affinity affinity,
    Boolean automountServiceAccountToken,
    PodDNSConfig dnsConfig,
    Boolean enableServiceLinks,
    List<EphemeralContainer> ephemeralContainers,
    List<EvictionResponder> evictionResponders,
    List<HostAlias> hostAliases,
    Boolean hostIPC,
    Boolean hostPID,
    Boolean hostUsers,
    String hostnameOverride,
    List<LocalObjectReference> imagePullSecrets,
    PodOS os,
    Map<String, Quantity> overhead,
    String preemptionPolicy,
    List<PodReadinessGate> readinessGates,
    List<PodResourceClaim> resourceClaims,
    ResourceRequirements resources,
    String runtimeClassName,
    List<PodSchedulingGate> schedulingGates,
    PodSchedulingGroup schedulingGroup,
    PodSecurityContext securityContext,
    String serviceAccount,
    Boolean setHostnameAsFQDN,
    Boolean shareProcessNamespace,
    List<TopologySpreadConstraint> topologySpreadConstraints) {

  public PodSpec {
    ephemeralContainers = Collections2.listOrEmpty(ephemeralContainers);
    evictionResponders = Collections2.listOrEmpty(evictionResponders);
    hostAliases = Collections2.listOrEmpty(hostAliases);
    imagePullSecrets = Collections2.listOrEmpty(imagePullSecrets);
    overhead = Collections2.mapOrEmpty(overhead);
    readinessGates = Collections2.listOrEmpty(readinessGates);
    resourceClaims = Collections2.listOrEmpty(resourceClaims);
    schedulingGates = Collections2.listOrEmpty(schedulingGates);
    topologySpreadConstraints = Collections2.listOrEmpty(topologySpreadConstraints);
    volumes = Collections2.listOrEmpty(volumes);
    initContainers = Collections2.listOrEmpty(initContainers);
    containers = Collections2.listOrEmpty(containers);
    nodeSelector = Collections2.mapOrEmpty(nodeSelector);
    tolerations = Collections2.listOrEmpty(tolerations);
  }

  public static PodSpec of(List<Container> containers) {
    return builder().containers(containers).build();
  }

  public boolean hostNetworkOrFalse() {
    return Boolean.TRUE.equals(hostNetwork);
  }

  public PodSpec withContainers(List<Container> v) {
    return toBuilder().containers(v).build();
  }

  public PodSpec withInitContainers(List<Container> v) {
    return toBuilder().initContainers(v).build();
  }

  public PodSpec withVolumes(List<Volume> v) {
    return toBuilder().volumes(v).build();
  }

  public PodSpec withRestartPolicy(String v) {
    return toBuilder().restartPolicy(v).build();
  }

  public PodSpec withNodeName(String v) {
    return toBuilder().nodeName(v).build();
  }

  public PodSpec withActiveDeadlineSeconds(Long v) {
    return toBuilder().activeDeadlineSeconds(v).build();
  }

  public PodSpec withTolerations(List<Toleration> v) {
    return toBuilder().tolerations(v).build();
  }

  public PodSpec withSchedulingGates(List<PodSchedulingGate> v) {
    return toBuilder().schedulingGates(v).build();
  }

  public PodSpec withNodeSelector(Map<String, String> v) {
    return toBuilder().nodeSelector(v).build();
  }

  /** The pod-level defaults in one step (the fields that are not lists of sub-objects). */
  public PodSpec withPodDefaults(String restart, Long grace, String dns, String scheduler) {
    return toBuilder().restartPolicy(restart).terminationGracePeriodSeconds(grace).dnsPolicy(dns)
        .schedulerName(scheduler).build();
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
    private List<Volume> volumes;
    private List<Container> initContainers;
    private List<Container> containers;
    private String restartPolicy;
    private Long terminationGracePeriodSeconds;
    private Long activeDeadlineSeconds;
    private String dnsPolicy;
    private Map<String, String> nodeSelector;
    private String serviceAccountName;
    private String nodeName;
    private Boolean hostNetwork;
    private String hostname;
    private String subdomain;
    private String schedulerName;
    private List<Toleration> tolerations;
    private String priorityClassName;
    private Integer priority;
    private Affinity affinity;
    private Boolean automountServiceAccountToken;
    private PodDNSConfig dnsConfig;
    private Boolean enableServiceLinks;
    private List<EphemeralContainer> ephemeralContainers;
    private List<EvictionResponder> evictionResponders;
    private List<HostAlias> hostAliases;
    private Boolean hostIPC;
    private Boolean hostPID;
    private Boolean hostUsers;
    private String hostnameOverride;
    private List<LocalObjectReference> imagePullSecrets;
    private PodOS os;
    private Map<String, Quantity> overhead;
    private String preemptionPolicy;
    private List<PodReadinessGate> readinessGates;
    private List<PodResourceClaim> resourceClaims;
    private ResourceRequirements resources;
    private String runtimeClassName;
    private List<PodSchedulingGate> schedulingGates;
    private PodSchedulingGroup schedulingGroup;
    private PodSecurityContext securityContext;
    private String serviceAccount;
    private Boolean setHostnameAsFQDN;
    private Boolean shareProcessNamespace;
    private List<TopologySpreadConstraint> topologySpreadConstraints;

    private Builder() {}

    private Builder(PodSpec from) {
      volumes = from.volumes;
      initContainers = from.initContainers;
      containers = from.containers;
      restartPolicy = from.restartPolicy;
      terminationGracePeriodSeconds = from.terminationGracePeriodSeconds;
      activeDeadlineSeconds = from.activeDeadlineSeconds;
      dnsPolicy = from.dnsPolicy;
      nodeSelector = from.nodeSelector;
      serviceAccountName = from.serviceAccountName;
      nodeName = from.nodeName;
      hostNetwork = from.hostNetwork;
      hostname = from.hostname;
      subdomain = from.subdomain;
      schedulerName = from.schedulerName;
      tolerations = from.tolerations;
      priorityClassName = from.priorityClassName;
      priority = from.priority;
      affinity = from.affinity;
      automountServiceAccountToken = from.automountServiceAccountToken;
      dnsConfig = from.dnsConfig;
      enableServiceLinks = from.enableServiceLinks;
      ephemeralContainers = from.ephemeralContainers;
      evictionResponders = from.evictionResponders;
      hostAliases = from.hostAliases;
      hostIPC = from.hostIPC;
      hostPID = from.hostPID;
      hostUsers = from.hostUsers;
      hostnameOverride = from.hostnameOverride;
      imagePullSecrets = from.imagePullSecrets;
      os = from.os;
      overhead = from.overhead;
      preemptionPolicy = from.preemptionPolicy;
      readinessGates = from.readinessGates;
      resourceClaims = from.resourceClaims;
      resources = from.resources;
      runtimeClassName = from.runtimeClassName;
      schedulingGates = from.schedulingGates;
      schedulingGroup = from.schedulingGroup;
      securityContext = from.securityContext;
      serviceAccount = from.serviceAccount;
      setHostnameAsFQDN = from.setHostnameAsFQDN;
      shareProcessNamespace = from.shareProcessNamespace;
      topologySpreadConstraints = from.topologySpreadConstraints;
    }

    public Builder volumes(List<Volume> v) {
      volumes = v;
      return this;
    }

    public Builder initContainers(List<Container> v) {
      initContainers = v;
      return this;
    }

    public Builder containers(List<Container> v) {
      containers = v;
      return this;
    }

    public Builder restartPolicy(String v) {
      restartPolicy = v;
      return this;
    }

    public Builder terminationGracePeriodSeconds(Long v) {
      terminationGracePeriodSeconds = v;
      return this;
    }

    public Builder activeDeadlineSeconds(Long v) {
      activeDeadlineSeconds = v;
      return this;
    }

    public Builder dnsPolicy(String v) {
      dnsPolicy = v;
      return this;
    }

    public Builder nodeSelector(Map<String, String> v) {
      nodeSelector = v;
      return this;
    }

    public Builder serviceAccountName(String v) {
      serviceAccountName = v;
      return this;
    }

    public Builder nodeName(String v) {
      nodeName = v;
      return this;
    }

    public Builder hostNetwork(Boolean v) {
      hostNetwork = v;
      return this;
    }

    public Builder hostname(String v) {
      hostname = v;
      return this;
    }

    public Builder subdomain(String v) {
      subdomain = v;
      return this;
    }

    public Builder schedulerName(String v) {
      schedulerName = v;
      return this;
    }

    public Builder tolerations(List<Toleration> v) {
      tolerations = v;
      return this;
    }

    public Builder priorityClassName(String v) {
      priorityClassName = v;
      return this;
    }

    public Builder priority(Integer v) {
      priority = v;
      return this;
    }

    public Builder affinity(Affinity v) {
      affinity = v;
      return this;
    }

    public Builder automountServiceAccountToken(Boolean v) {
      automountServiceAccountToken = v;
      return this;
    }

    public Builder dnsConfig(PodDNSConfig v) {
      dnsConfig = v;
      return this;
    }

    public Builder enableServiceLinks(Boolean v) {
      enableServiceLinks = v;
      return this;
    }

    public Builder ephemeralContainers(List<EphemeralContainer> v) {
      ephemeralContainers = v;
      return this;
    }

    public Builder evictionResponders(List<EvictionResponder> v) {
      evictionResponders = v;
      return this;
    }

    public Builder hostAliases(List<HostAlias> v) {
      hostAliases = v;
      return this;
    }

    public Builder hostIPC(Boolean v) {
      hostIPC = v;
      return this;
    }

    public Builder hostPID(Boolean v) {
      hostPID = v;
      return this;
    }

    public Builder hostUsers(Boolean v) {
      hostUsers = v;
      return this;
    }

    public Builder hostnameOverride(String v) {
      hostnameOverride = v;
      return this;
    }

    public Builder imagePullSecrets(List<LocalObjectReference> v) {
      imagePullSecrets = v;
      return this;
    }

    public Builder os(PodOS v) {
      os = v;
      return this;
    }

    public Builder overhead(Map<String, Quantity> v) {
      overhead = v;
      return this;
    }

    public Builder preemptionPolicy(String v) {
      preemptionPolicy = v;
      return this;
    }

    public Builder readinessGates(List<PodReadinessGate> v) {
      readinessGates = v;
      return this;
    }

    public Builder resourceClaims(List<PodResourceClaim> v) {
      resourceClaims = v;
      return this;
    }

    public Builder resources(ResourceRequirements v) {
      resources = v;
      return this;
    }

    public Builder runtimeClassName(String v) {
      runtimeClassName = v;
      return this;
    }

    public Builder schedulingGates(List<PodSchedulingGate> v) {
      schedulingGates = v;
      return this;
    }

    public Builder schedulingGroup(PodSchedulingGroup v) {
      schedulingGroup = v;
      return this;
    }

    public Builder securityContext(PodSecurityContext v) {
      securityContext = v;
      return this;
    }

    public Builder serviceAccount(String v) {
      serviceAccount = v;
      return this;
    }

    public Builder setHostnameAsFQDN(Boolean v) {
      setHostnameAsFQDN = v;
      return this;
    }

    public Builder shareProcessNamespace(Boolean v) {
      shareProcessNamespace = v;
      return this;
    }

    public Builder topologySpreadConstraints(List<TopologySpreadConstraint> v) {
      topologySpreadConstraints = v;
      return this;
    }

    public PodSpec build() {
      return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds,
          activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostNetwork, hostname,
          subdomain, schedulerName, tolerations, priorityClassName, priority, affinity, automountServiceAccountToken,
          dnsConfig, enableServiceLinks, ephemeralContainers, evictionResponders, hostAliases, hostIPC, hostPID,
          hostUsers, hostnameOverride, imagePullSecrets, os, overhead, preemptionPolicy, readinessGates,
          resourceClaims, resources, runtimeClassName, schedulingGates, schedulingGroup, securityContext,
          serviceAccount, setHostnameAsFQDN, shareProcessNamespace, topologySpreadConstraints);
    }
  }
}
