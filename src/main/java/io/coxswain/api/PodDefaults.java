package io.coxswain.api;

import io.coxswain.api.core.ConfigMapVolumeSource;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.ContainerPort;
import io.coxswain.api.core.EmptyDirVolumeSource;
import io.coxswain.api.core.PodSecurityContext;
import io.coxswain.api.core.HTTPGetAction;
import io.coxswain.api.core.PodSpec;
import io.coxswain.api.core.Probe;
import io.coxswain.api.core.ResourceRequirements;
import io.coxswain.api.core.SecretVolumeSource;
import io.coxswain.api.core.Volume;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' defaulting for pod specs (SetDefaults_PodSpec, _Container, _Probe, ...), shared by
 * pods and by the pod templates of controllers. Only absent fields are filled.
 */
final class PodDefaults {
  static final String TERMINATION_MESSAGE_PATH = "/dev/termination-log";
  /** The octal 0644 Kubernetes gives projected files when no mode is set. */
  static final int DEFAULT_FILE_MODE = 0644;

  private PodDefaults() {}

  static PodSpec spec(PodSpec spec) {
    boolean hostNetwork = spec.hostNetworkOrFalse();
    return spec
        .withPodDefaults(
            or(spec.restartPolicy(), "Always"),
            spec.terminationGracePeriodSeconds() == null ? 30L : spec.terminationGracePeriodSeconds(),
            or(spec.dnsPolicy(), "ClusterFirst"),
            or(spec.schedulerName(), "default-scheduler"))
        .withContainers(spec.containers().stream().map(c -> container(c, hostNetwork)).toList())
        .withInitContainers(spec.initContainers().stream().map(c -> container(c, hostNetwork)).toList())
        .withVolumes(spec.volumes().stream().map(PodDefaults::volume).toList())
        .toBuilder()
        // SetDefaults_PodSpec: an empty pod security context (service links are a pod's default
        // alone, SetDefaults_Pod: {@link #podOnly}).
        .securityContext(spec.securityContext() == null ? PodSecurityContext.builder().build() : spec.securityContext())
        // The deprecated serviceAccount field mirrors serviceAccountName, either way round.
        .serviceAccountName(or(spec.serviceAccountName(), spec.serviceAccount()))
        .serviceAccount(or(spec.serviceAccountName(), spec.serviceAccount()))
        .build();
  }

  /**
   * What Kubernetes' admission sets on a new pod (not on pod templates): the ServiceAccount
   * plugin's {@code default} service account when none is named, and the Priority plugin's
   * priority 0 with the PreemptLowerPriority policy when no priority class is named.
   */
  static PodSpec admission(PodSpec spec) {
    String account = or(spec.serviceAccountName(), "default");
    return spec.toBuilder()
        .serviceAccountName(account)
        .serviceAccount(account)
        .priority(spec.priority() == null ? Integer.valueOf(0) : spec.priority())
        .preemptionPolicy(or(spec.preemptionPolicy(), "PreemptLowerPriority"))
        .build();
  }

  static Container container(Container c, boolean hostNetwork) {
    return c
        .withImagePullPolicy(c.imagePullPolicy() == null || c.imagePullPolicy().isEmpty()
            ? pullPolicyFor(c.image()) : c.imagePullPolicy())
        .withTermination(or(c.terminationMessagePath(), TERMINATION_MESSAGE_PATH),
            or(c.terminationMessagePolicy(), "File"))
        .withPorts(c.ports().stream().map(p -> port(p, hostNetwork)).toList())
        .withProbes(probe(c.livenessProbe()), probe(c.readinessProbe()), probe(c.startupProbe()))
        .withResources(c.resources() == null ? null : resources(c.resources()));
  }

  /**
   * Always for an image whose tag is "latest", given or implied (no tag and no digest); otherwise
   * IfNotPresent. The tag is what follows the last ':' after the last '/', so a registry port
   * ("localhost:5000/app") is not mistaken for a tag.
   */
  static String pullPolicyFor(String image) {
    if (image == null || image.isBlank()) {
      return "IfNotPresent";
    }
    String ref = image;
    int at = ref.indexOf('@');
    boolean digest = at >= 0;
    if (digest) {
      ref = ref.substring(0, at);
    }
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    String tag = colon > slash ? ref.substring(colon + 1) : "";
    if (tag.isEmpty() && !digest) {
      tag = "latest";
    }
    return tag.equals("latest") ? "Always" : "IfNotPresent";
  }

  private static ContainerPort port(ContainerPort p, boolean hostNetwork) {
    ContainerPort out = p.withProtocol(or(p.protocol(), "TCP"));
    // With host networking the container port is the host port; Kubernetes makes that explicit.
    if (hostNetwork && (p.hostPort() == null || p.hostPort() == 0)) {
      out = out.withHostPort(p.containerPort());
    }
    return out;
  }

  static Probe probe(Probe p) {
    if (p == null) {
      return null;
    }
    HTTPGetAction http = p.httpGet() == null ? null : new HTTPGetAction(or(p.httpGet().path(), "/"),
        p.httpGet().port(), p.httpGet().host(), or(p.httpGet().scheme(), "HTTP"), p.httpGet().httpHeaders(),
        p.httpGet().protocol());
    return new Probe(p.exec(), http, p.tcpSocket(), p.initialDelaySeconds(),
        orInt(p.timeoutSeconds(), 1), orInt(p.periodSeconds(), 10), orInt(p.successThreshold(), 1),
        orInt(p.failureThreshold(), 3), p.terminationGracePeriodSeconds(), p.grpc());
  }

  /** A limit without a request means the request equals the limit (SetDefaults_Pod). */
  private static ResourceRequirements resources(ResourceRequirements r) {
    Map<String, Quantity> requests = new LinkedHashMap<>(r.requests());
    r.limits().forEach(requests::putIfAbsent);
    return new ResourceRequirements(r.limits(), requests, r.claims());
  }

  private static Volume volume(Volume given) {
    // SetDefaults_Volume: a volume with no source at all is an emptyDir.
    Volume v = given.sourceCount() == 0 ? given.toBuilder().emptyDir(new EmptyDirVolumeSource(null, null, null)).build()
        : given;
    ConfigMapVolumeSource cm = v.configMap() == null || v.configMap().defaultMode() != null ? v.configMap()
        : new ConfigMapVolumeSource(v.configMap().name(), v.configMap().items(), DEFAULT_FILE_MODE,
            v.configMap().optional(), v.configMap().defaultUser());
    SecretVolumeSource secret = v.secret() == null || v.secret().defaultMode() != null ? v.secret()
        : new SecretVolumeSource(v.secret().secretName(), v.secret().items(), DEFAULT_FILE_MODE,
            v.secret().optional(), v.secret().defaultUser());
    return v.toBuilder().configMap(cm).secret(secret).build();
  }

  /**
   * Kubernetes' QoS class: BestEffort when no container asks for cpu or memory, Guaranteed when
   * every container has cpu and memory limits equal to its requests, Burstable otherwise.
   */
  static String qosClass(PodSpec spec) {
    List<Container> all = new java.util.ArrayList<>(spec.initContainers());
    all.addAll(spec.containers());
    boolean any = false;
    boolean guaranteed = true;
    for (Container c : all) {
      ResourceRequirements r = c.resourcesOrEmpty();
      for (String name : List.of("cpu", "memory")) {
        Quantity limit = r.limits().get(name);
        Quantity request = r.requests().containsKey(name) ? r.requests().get(name) : limit;
        any |= positive(limit) || positive(request);
        if (limit == null || !limit.equals(request)) {
          guaranteed = false;
        }
      }
    }
    if (!any) {
      return "BestEffort";
    }
    return guaranteed ? "Guaranteed" : "Burstable";
  }

  private static boolean positive(Quantity quantity) {
    return quantity != null && quantity.compareTo(Quantity.ZERO) > 0;
  }

  static String or(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static Integer orInt(Integer value, int fallback) {
    return value == null || value == 0 ? fallback : value;
  }

  /**
   * What Kubernetes defaults on a Pod but not on a pod template (SetDefaults_Pod): service links
   * on. A template keeps the field unset, so a Deployment's or RC's template reads back as written.
   */
  public static PodSpec podOnly(PodSpec spec) {
    return spec.enableServiceLinks() != null ? spec : spec.toBuilder().enableServiceLinks(Boolean.TRUE).build();
  }
}
