package io.coxswain.api;

import io.coxswain.api.core.ClientIPConfig;
import io.coxswain.api.core.EndpointPort;
import io.coxswain.api.core.EndpointSubset;
import io.coxswain.api.core.Endpoints;
import io.coxswain.api.core.IntOrString;
import io.coxswain.api.core.LoadBalancerStatus;
import io.coxswain.api.core.Namespace;
import io.coxswain.api.core.NamespaceStatus;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodStatus;
import io.coxswain.api.core.PodTemplateSpec;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.core.ReplicationControllerSpec;
import io.coxswain.api.core.ReplicationControllerStatus;
import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServicePort;
import io.coxswain.api.core.ServiceSpec;
import io.coxswain.api.core.SessionAffinityConfig;
import io.coxswain.api.core.ServiceStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * What Kubernetes does to an object between decoding and validation: type defaults
 * (SetDefaults_*) and the create/update strategies (system metadata, reset status). Pure: time and
 * randomness are passed in, so a seeded run names and stamps objects identically every time.
 */
public final class Defaulting {
  /** Kubernetes' generateName alphabet: no vowels (no accidental words) and no look-alikes (0/o, 1/l). */
  static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  static final int NAME_SUFFIX_LENGTH = 5;
  /** generateName is cut so that base + suffix still fits a 63-character label. */
  static final int MAX_GENERATE_NAME_BASE = 63 - NAME_SUFFIX_LENGTH;
  /** The label Kubernetes puts on every namespace so selectors can match namespaces by name. */
  public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
  // Services have no generation in Kubernetes (their spec changes are not "observed" by anything).
  private static final Set<String> GENERATION_TRACKED = Set.of("Pod", "ReplicationController", "Deployment",
      "ReplicaSet");

  private Defaulting() {}

  /**
   * Defaults for a new object: namespace from the request path (cluster-scoped kinds get none),
   * a generated name, uid, creationTimestamp, generation 1 where Kubernetes tracks it, type
   * defaults, and the status a new object starts with (whatever status the client sent is dropped).
   * resourceVersion and deletion fields are cleared; the store assigns them.
   */
  public static KubeObject applyCreateDefaults(KubeObject obj, String namespaceFromPath, Clock clock, Random random) {
    ObjectMeta m = obj.metadata();
    String namespace = ApiResources.isNamespaced(obj.kind()) ? (empty(m.namespace()) ? namespaceFromPath
        : m.namespace()) : null;
    String name = m.name();
    if (empty(name) && !empty(m.generateName())) {
      String base = m.generateName();
      name = (base.length() > MAX_GENERATE_NAME_BASE ? base.substring(0, MAX_GENERATE_NAME_BASE) : base)
          + generateNameSuffix(random);
    }
    ObjectMeta meta = m.withNamespace(namespace).withName(name)
        .withUid(randomUuid(random))
        .withCreationTimestamp(now(clock))
        .withResourceVersion(null)
        .withGeneration(GENERATION_TRACKED.contains(obj.kind()) ? 1L : null)
        .withDeletion(null, null);
    return prepareForCreate(applyTypeDefaults(obj.withMetadata(meta)));
  }

  /**
   * Defaults for a replacement (PUT): type defaults, system metadata carried from the stored
   * object (uid and namespace when absent; creationTimestamp and the deletion fields always),
   * generation bumped when the spec changed, and a Service prepared as Kubernetes' service update
   * prepares it ({@link ServiceUpdate}: allocated values the client left out kept, so replaying a
   * manifest does not fail on immutable fields; fields of a type it left cleared).
   */
  public static KubeObject applyUpdateDefaults(KubeObject oldObj, KubeObject newObj) {
    KubeObject obj = applyTypeDefaults(newObj);
    if (obj instanceof Service s && oldObj instanceof Service old) {
      obj = ServiceUpdate.prepare(old, s);
    }
    ObjectMeta o = oldObj.metadata();
    ObjectMeta m = obj.metadata();
    Long generation = o.generation();
    if (generation != null && !Objects.equals(specOf(oldObj), specOf(obj))) {
      generation = generation + 1;
    }
    ObjectMeta meta = m.withUid(empty(m.uid()) ? o.uid() : m.uid())
        // Server-owned: whatever the client sent back (re-encoded as "+00:00" or ".000Z" by the
        // Python and Node.js clients) is ignored, as Kubernetes' BeforeUpdate does.
        .withCreationTimestamp(empty(o.creationTimestamp()) ? m.creationTimestamp() : o.creationTimestamp())
        .withNamespace(empty(m.namespace()) ? o.namespace() : m.namespace())
        .withGeneration(generation)
        .withDeletion(o.deletionTimestamp(), o.deletionGracePeriodSeconds());
    return obj.withMetadata(meta);
  }

  /** The type defaults alone (Kubernetes applies these to every decoded object, create or update). */
  public static KubeObject applyTypeDefaults(KubeObject obj) {
    if (obj instanceof Pod p) {
      return p.withSpec(PodDefaults.podOnly(PodDefaults.spec(p.spec())));
    }
    if (obj instanceof ReplicationController rc) {
      return replicationController(rc);
    }
    if (obj instanceof Service s) {
      return s.withSpec(service(s.spec()));
    }
    if (obj instanceof Endpoints e) {
      return e.withSubsets(e.subsets().stream().map(Defaulting::subset).toList());
    }
    if (obj instanceof io.coxswain.api.apps.Deployment d) {
      return d.withSpec(AppsDefaults.deployment(d.spec()));
    }
    if (obj instanceof io.coxswain.api.apps.ReplicaSet rs) {
      return rs.withSpec(AppsDefaults.replicaSet(rs.spec()));
    }
    if (obj instanceof io.coxswain.api.discovery.EndpointSlice slice) {
      // Kubernetes' SetDefaults_EndpointPort: a port's name defaults to "" and its protocol to TCP.
      return slice.withEndpoints(slice.endpoints(), slice.ports().stream()
          .map(p -> new io.coxswain.api.discovery.EndpointPort(p.name() == null ? "" : p.name(),
              p.protocol() == null ? "TCP" : p.protocol(), p.port(), p.appProtocol())).toList());
    }
    if (obj instanceof Node n && n.status() != null && n.status().allocatable().isEmpty()) {
      return n.withStatus(n.status().withAllocatable(n.status().capacity()));
    }
    if (obj instanceof Namespace ns && !empty(ns.metadata().name())) {
      Map<String, String> labels = new LinkedHashMap<>(ns.metadata().labelsOrEmpty());
      labels.put(NAMESPACE_NAME_LABEL, ns.metadata().name());
      return ns.withMetadata(ns.metadata().withLabels(labels));
    }
    return obj;
  }

  /** Five characters from {@link #NAME_ALPHABET}, as Kubernetes appends to generateName. */
  public static String generateNameSuffix(Random random) {
    StringBuilder suffix = new StringBuilder(NAME_SUFFIX_LENGTH);
    for (int i = 0; i < NAME_SUFFIX_LENGTH; i++) {
      suffix.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
    }
    return suffix.toString();
  }

  /** A version-4 UUID drawn from the given Random (not SecureRandom) so seeded runs repeat. */
  public static String randomUuid(Random random) {
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(most, least).toString();
  }

  /** RFC 3339 at whole seconds, the precision of Kubernetes' metav1.Time: "2026-11-27T02:06:36Z". */
  public static String now(Clock clock) {
    long second = clock.instant().getEpochSecond();
    FormattedSecond last = lastFormatted;
    if (last.epochSecond() != second) {
      // Formatting an Instant costs more than the rest of stamping a status; within one second
      // every caller gets the same text, so format each second once.
      last = new FormattedSecond(second, Instant.ofEpochSecond(second).toString());
      lastFormatted = last;
    }
    return last.text();
  }

  private record FormattedSecond(long epochSecond, String text) {}

  private static volatile FormattedSecond lastFormatted = new FormattedSecond(Long.MIN_VALUE, "");

  private static KubeObject prepareForCreate(KubeObject obj) {
    if (obj instanceof Pod p) {
      PodStatus status = PodStatus.phase("Pending").withQosClass(PodDefaults.qosClass(p.spec()));
      return p.withSpec(PodDefaults.admission(p.spec()))
          .withStatus(PodScheduling.gatedOnCreate(p, status, p.metadata().creationTimestamp()));
    }
    if (obj instanceof ReplicationController rc) {
      return rc.withStatus(new ReplicationControllerStatus(0, null, null, null, null, null));
    }
    if (obj instanceof io.coxswain.api.apps.ReplicaSet rs) {
      return rs.withStatus(new io.coxswain.api.apps.ReplicaSetStatus(0, null, null, null, null, null));
    }
    if (obj instanceof io.coxswain.api.apps.Deployment d) {
      return d.withStatus(null);
    }
    if (obj instanceof Service s) {
      return s.withStatus(new ServiceStatus(new LoadBalancerStatus(null), null));
    }
    if (obj instanceof Namespace ns) {
      return ns.withStatus(new NamespaceStatus("Active", null));
    }
    return obj;
  }

  private static ReplicationController replicationController(ReplicationController rc) {
    ReplicationControllerSpec spec = rc.spec();
    PodTemplateSpec template = spec.template();
    Map<String, String> selector = spec.selector();
    ObjectMeta meta = rc.metadata();
    if (template != null) {
      Map<String, String> templateLabels = template.metadata().labelsOrEmpty();
      // As in Kubernetes: the template's labels stand in for an absent selector and absent RC labels.
      if (!templateLabels.isEmpty()) {
        selector = selector.isEmpty() ? templateLabels : selector;
        meta = meta.labelsOrEmpty().isEmpty() ? meta.withLabels(templateLabels) : meta;
      }
      template = template.withSpec(PodDefaults.spec(template.spec()));
    }
    ReplicationControllerSpec defaulted = new ReplicationControllerSpec(
        spec.replicas() == null ? 1 : spec.replicas(), spec.minReadySeconds(), selector, template);
    return rc.withMetadata(meta).withSpec(defaulted);
  }

  /** Kubernetes' DefaultClientIPServiceAffinitySeconds: three hours. */
  public static final int CLIENT_IP_AFFINITY_SECONDS = 10_800;

  private static ServiceSpec service(ServiceSpec spec) {
    String type = PodDefaults.or(spec.type(), "ClusterIP");
    boolean external = ServiceUpdate.externallyAccessible(spec.toBuilder().type(type).build());
    ServiceSpec out = spec.withPolicies(type,
        PodDefaults.or(spec.sessionAffinity(), "None"),
        external ? PodDefaults.or(spec.externalTrafficPolicy(), "Cluster") : spec.externalTrafficPolicy(),
        type.equals("ExternalName") ? spec.internalTrafficPolicy()
            : PodDefaults.or(spec.internalTrafficPolicy(), "Cluster"));
    ServiceSpec.Builder builder = out.withPorts(spec.ports().stream().map(Defaulting::servicePort).toList())
        .toBuilder();
    if (type.equals("LoadBalancer") && spec.allocateLoadBalancerNodePorts() == null) {
      builder.allocateLoadBalancerNodePorts(true);
    }
    SessionAffinityConfig affinity = spec.sessionAffinityConfig();
    if ("None".equals(out.sessionAffinity())) {
      builder.sessionAffinityConfig(null); // SetDefaults_Service: no affinity, no affinity config
    }
    if ("ClientIP".equals(out.sessionAffinity()) && (affinity == null || affinity.clientIP() == null
        || affinity.clientIP().timeoutSeconds() == null)) {
      builder.sessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(CLIENT_IP_AFFINITY_SECONDS)));
    }
    return builder.build();
  }

  /** Protocol TCP; an absent (or zero / empty) targetPort means "the same number as port". */
  private static ServicePort servicePort(ServicePort p) {
    IntOrString target = p.targetPort();
    boolean unset = target == null || (target.isInt() ? target.intValue() == 0 : target.stringValue().isEmpty());
    if (unset && p.port() != null) {
      target = IntOrString.of(p.port());
    }
    return p.withDefaults(PodDefaults.or(p.protocol(), "TCP"), target);
  }

  private static EndpointSubset subset(EndpointSubset s) {
    return new EndpointSubset(s.addresses(), s.notReadyAddresses(), s.ports().stream()
        .map(p -> new EndpointPort(p.name(), p.port(), PodDefaults.or(p.protocol(), "TCP"), p.appProtocol()))
        .toList());
  }

  private static Object specOf(KubeObject obj) {
    if (obj instanceof Pod p) {
      return p.spec();
    }
    if (obj instanceof io.coxswain.api.apps.Deployment d) {
      return d.spec();
    }
    if (obj instanceof io.coxswain.api.apps.ReplicaSet rs) {
      return rs.spec();
    }
    if (obj instanceof ReplicationController rc) {
      return rc.spec();
    }
    if (obj instanceof Service s) {
      return s.spec();
    }
    return null;
  }

  private static boolean empty(String s) {
    return s == null || s.isEmpty();
  }
}
