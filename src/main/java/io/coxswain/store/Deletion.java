package io.coxswain.store;

import io.coxswain.api.ApiException;
import io.coxswain.api.Defaulting;
import io.coxswain.api.KubeObject;
import io.coxswain.api.core.Pod;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' deletion rules (shared by the API server and the controllers), as one pure decision: an object with finalizers is only marked
 * (deletionTimestamp) until they are all removed; a pod on a node is deleted gracefully (marked
 * with its grace period, and removed by the node agent once its containers stop); everything else
 * is removed at once.
 */
public final class Deletion {
  private Deletion() {}

  public record Options(Long gracePeriodSeconds, String propagationPolicy, String uid, String resourceVersion) {
    /** A controller's delete: the object's own grace period, background cascade, no preconditions. */
    public static final Options DEFAULT = new Options(null, "Background", null, null);

    public Options {
      if (propagationPolicy != null && !propagationPolicy.isEmpty()
          && !propagationPolicy.equals("Orphan") && !propagationPolicy.equals("Background")
          && !propagationPolicy.equals("Foreground")) {
        throw ApiException.badRequest("propagationPolicy: Unsupported value: \"" + propagationPolicy
            + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
      }
      if (gracePeriodSeconds != null && gracePeriodSeconds < 0) {
        throw ApiException.badRequest("gracePeriodSeconds: must be >= 0");
      }
    }
  }

  /** The write that deleting {@code current} takes, or null when it is already being deleted. */
  public static StoreOp decide(ResourceKey key, KubeObject current, Options options, Clock clock) {
    String rv = current.metadata().resourceVersion();
    if (options.uid() != null && !options.uid().isEmpty() && !options.uid().equals(current.metadata().uid())) {
      throw ApiException.conflict(key.resource(), key.name(), "Precondition failed: UID in precondition: "
          + options.uid() + ", UID in object meta: " + current.metadata().uid());
    }
    if (options.resourceVersion() != null && !options.resourceVersion().isEmpty()
        && !options.resourceVersion().equals(rv)) {
      throw ApiException.conflict(key.resource(), key.name(), "Precondition failed: ResourceVersion in precondition: "
          + options.resourceVersion() + ", ResourceVersion in object meta: " + rv);
    }
    boolean marked = current.metadata().deletionTimestamp() != null;
    String cascade = cascadeFinalizer(current, options.propagationPolicy());
    if (cascade != null && !marked) {
      // Orphan and Foreground deletion are carried out by the garbage collector, which removes
      // this finalizer when the dependents are released (Orphan) or gone (Foreground).
      List<String> finalizers = new ArrayList<>(current.metadata().finalizersOrEmpty());
      finalizers.add(cascade);
      KubeObject withFinalizer = current.withMetadata(current.metadata().withFinalizers(finalizers));
      // A pod on a node still stops gracefully; the finalizer only holds its removal.
      return new StoreOp.Update(key, mark(withFinalizer, clock, gracePeriod(current, options)), rv);
    }
    if (!current.metadata().finalizersOrEmpty().isEmpty()) {
      return marked ? null : new StoreOp.Update(key, mark(current, clock, 0), rv);
    }
    long grace = gracePeriod(current, options);
    if (grace > 0) {
      return marked ? null : new StoreOp.Update(key, mark(current, clock, grace), rv);
    }
    return new StoreOp.Delete(key, rv, null);
  }

  public static final String ORPHAN_FINALIZER = "orphan";
  public static final String FOREGROUND_FINALIZER = "foregroundDeletion";

  /**
   * The finalizer a propagation policy asks for: Orphan and Foreground are carried out by the
   * garbage collector, Background needs nothing here (the collector deletes dependents whose owners
   * are all gone). Without a policy each kind's default applies, as in Kubernetes: core/v1
   * ReplicationControllers orphan their pods (the behaviour from before server-side garbage
   * collection, kept for compatibility; {@code kubectl delete} asks for Background), every other
   * kind is Background.
   */
  private static String cascadeFinalizer(KubeObject current, String policy) {
    String effective = policy == null || policy.isEmpty() ? defaultPolicy(current) : policy;
    if ("Orphan".equals(effective)) {
      return ORPHAN_FINALIZER;
    }
    return "Foreground".equals(effective) ? FOREGROUND_FINALIZER : null;
  }

  /** The propagation policy a delete without one gets, per kind. */
  static String defaultPolicy(KubeObject current) {
    return current instanceof io.coxswain.api.core.ReplicationController ? "Orphan" : "Background";
  }

  /** After an update: an object marked for deletion whose last finalizer went is removed. */
  public static StoreOp afterUpdate(ResourceKey key, KubeObject next, String expectedRv) {
    boolean finished = next.metadata().deletionTimestamp() != null
        && next.metadata().finalizersOrEmpty().isEmpty()
        && (next.metadata().deletionGracePeriodSeconds() == null || next.metadata().deletionGracePeriodSeconds() == 0);
    return finished ? new StoreOp.Delete(key, expectedRv, null) : new StoreOp.Update(key, next, expectedRv);
  }

  /** Pods that a node runs stop gracefully; unscheduled pods have nothing to stop. */
  private static long gracePeriod(KubeObject current, Options options) {
    if (!(current instanceof Pod pod) || pod.spec().nodeName() == null || pod.spec().nodeName().isEmpty()) {
      return 0;
    }
    if (options.gracePeriodSeconds() != null) {
      return options.gracePeriodSeconds();
    }
    Long fromSpec = pod.spec().terminationGracePeriodSeconds();
    return fromSpec == null ? 30 : fromSpec;
  }

  private static KubeObject mark(KubeObject current, Clock clock, long grace) {
    String at = Defaulting.now(Clock.fixed(Instant.now(clock).plusSeconds(grace), clock.getZone()));
    return current.withMetadata(current.metadata().withDeletion(at, grace));
  }
}
