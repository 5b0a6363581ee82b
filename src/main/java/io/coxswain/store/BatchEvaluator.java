package io.coxswain.store;

import io.coxswain.api.ApiException;
import io.coxswain.api.KubeObject;
import io.coxswain.api.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides a batch of writes against the store state, in order, as if each were committed before
 * the next: later writes in a batch see earlier ones. Pure: the actor journals the changes it
 * returns and answers each write with its outcome.
 */
public final class BatchEvaluator {
  private BatchEvaluator() {}

  /** One write's outcome: the change it makes, or the Status it fails with. */
  public record Outcome(Change change, Status error) {
    static Outcome failed(ApiException e) {
      return new Outcome(null, e.status());
    }
  }

  public record Result(List<Change> changes, List<Outcome> outcomes) {}

  public static Result evaluate(StoreState state, List<StoreOp> ops) {
    Map<ResourceKey, KubeObject> pending = new HashMap<>();
    List<Change> changes = new ArrayList<>();
    List<Outcome> outcomes = new ArrayList<>(ops.size());
    long revision = state.revision();
    for (StoreOp op : ops) {
      try {
      Change change = decide(op, key -> current(state, pending, key), revision + 1);
      revision = change.revision();
      pending.put(change.key(), change.type() == ChangeType.DELETED ? null : change.object());
      changes.add(change);
      outcomes.add(new Outcome(change, null));
      } catch (ApiException e) {
      outcomes.add(Outcome.failed(e));
      }
    }
    return new Result(changes, outcomes);
  }

  private static KubeObject current(StoreState state, Map<ResourceKey, KubeObject> pending, ResourceKey key) {
    return pending.containsKey(key) ? pending.get(key) : state.get(key);
  }

  private static Change decide(StoreOp op, java.util.function.Function<ResourceKey, KubeObject> lookup, long revision) {
    ResourceKey key = op.key();
    KubeObject existing = lookup.apply(key);
    String rv = Long.toString(revision);
    if (op instanceof StoreOp.Create create) {
      if (existing != null) {
        throw ApiException.alreadyExists(key.resource(), key.name());
      }
      if (key.isNamespaced()) {
        KubeObject namespace = lookup.apply(key.namespaceKey());
        if (namespace == null) {
          throw ApiException.notFound("Namespace", "namespaces", key.namespace());
        }
        if (namespace.metadata().deletionTimestamp() != null) {
          throw new ApiException(Status.failure(403, "Forbidden", key.resource() + " \"" + key.name()
              + "\" is forbidden: unable to create new content in namespace " + key.namespace()
              + " because it is being terminated", null));
        }
      }
      return new Change(revision, ChangeType.ADDED, key, stamp(create.object(), rv));
    }
    if (op instanceof StoreOp.Update update) {
      checkPreconditions(key, existing, update.expectedResourceVersion(), null);
      return new Change(revision, ChangeType.MODIFIED, key, stamp(update.object(), rv));
    }
    StoreOp.Delete delete = (StoreOp.Delete) op;
    checkPreconditions(key, existing, delete.expectedResourceVersion(), delete.expectedUid());
    return new Change(revision, ChangeType.DELETED, key, stamp(existing, rv));
  }

  private static void checkPreconditions(ResourceKey key, KubeObject existing, String expectedRv, String expectedUid) {
    if (existing == null) {
      throw ApiException.notFound(null, key.resource(), key.name());
    }
    if (expectedRv != null && !expectedRv.isEmpty() && !expectedRv.equals(existing.metadata().resourceVersion())) {
      throw ApiException.conflict(key.resource(), key.name(),
        "the object has been modified; please apply your changes to the latest version and try again");
    }
    if (expectedUid != null && !expectedUid.isEmpty() && !expectedUid.equals(existing.metadata().uid())) {
      throw ApiException.conflict(key.resource(), key.name(),
        "Precondition failed: UID in precondition: " + expectedUid + ", UID in object meta: "
            + existing.metadata().uid());
    }
  }

  private static KubeObject stamp(KubeObject object, String resourceVersion) {
    return object.withMetadata(object.metadata().withResourceVersion(resourceVersion));
  }
}
