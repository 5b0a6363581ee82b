package io.coxswain.store;

import io.coxswain.api.ApiException;
import io.coxswain.api.Defaulting;
import io.coxswain.api.KubeObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' deletion rules, as one pure decision the registry takes for every kind with that
 * kind's grace period and default propagation policy: an object with finalizers is only marked
 * (deletionTimestamp) until they are all removed; one with a grace period (a pod on a node) is
 * marked with it and removed by whatever runs it once stopped; everything else is removed at once.
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

  /**
   * The write that deleting {@code current} takes, or null when it is already being deleted.
   *
   * @param grace         seconds the object gets to stop (its kind's rule; 0: nothing to stop)
   * @param defaultPolicy the kind's propagation policy when the options give none
   */
  public static StoreOp decide(ResourceKey key, KubeObject current, Options options, Clock clock, long grace,
      String defaultPolicy) {
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
    String cascade = cascadeFinalizer(options.propagationPolicy(), defaultPolicy);
    if (cascade != null && !marked) {
      // Orphan and Foreground deletion are carried out by the garbage collector, which removes
      // this finalizer when the dependents are released (Orphan) or gone (Foreground).
      List<String> finalizers = new ArrayList<>(current.metadata().finalizersOrEmpty());
      finalizers.add(cascade);
      KubeObject withFinalizer = current.withMetadata(current.metadata().withFinalizers(finalizers));
      // A pod on a node still stops gracefully; the finalizer only holds its removal.
      return new StoreOp.Update(key, mark(withFinalizer, clock, grace), rv);
    }
    if (!current.metadata().finalizersOrEmpty().isEmpty()) {
      return marked ? null : new StoreOp.Update(key, mark(current, clock, 0), rv);
    }
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
   * are all gone). Without a policy the kind's default applies.
   */
  private static String cascadeFinalizer(String policy, String defaultPolicy) {
    String effective = policy == null || policy.isEmpty() ? defaultPolicy : policy;
    if ("Orphan".equals(effective)) {
      return ORPHAN_FINALIZER;
    }
    return "Foreground".equals(effective) ? FOREGROUND_FINALIZER : null;
  }

  /** After an update: an object marked for deletion whose last finalizer went is removed. */
  public static StoreOp afterUpdate(ResourceKey key, KubeObject next, String expectedRv) {
    return finished(next) ? new StoreOp.Delete(key, expectedRv, null) : new StoreOp.Update(key, next, expectedRv);
  }

  /** Whether a marked object's deletion is done: no finalizers left and no grace period running. */
  public static boolean finished(KubeObject next) {
    return next.metadata().deletionTimestamp() != null
        && next.metadata().finalizersOrEmpty().isEmpty()
        && (next.metadata().deletionGracePeriodSeconds() == null || next.metadata().deletionGracePeriodSeconds() == 0);
  }

  private static KubeObject mark(KubeObject current, Clock clock, long grace) {
    String at = Defaulting.now(Clock.fixed(Instant.now(clock).plusSeconds(grace), clock.getZone()));
    return current.withMetadata(current.metadata().withDeletion(at, grace));
  }
}
