package io.coxswain.store;

import io.coxswain.api.ApiException;
import io.coxswain.api.KubeObject;
import io.coxswain.api.Status;
import java.util.ArrayList;
import io.coxswain.api.UniqueClaims;
import java.util.List;

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
    // Each write is decided against the state with the batch's earlier writes applied (persistent
    // maps: a small copy per write), so unique claims are checked across the batch too.
    StoreState working = state;
    List<Change> changes = new ArrayList<>();
    List<Outcome> outcomes = new ArrayList<>(ops.size());
    for (StoreOp op : ops) {
      try {
        Change change = decide(op, working, working.revision() + 1);
        working = working.apply(List.of(change));
        changes.add(change);
        outcomes.add(new Outcome(change, null));
      } catch (ApiException e) {
        outcomes.add(Outcome.failed(e));
      }
    }
    return new Result(changes, outcomes);
  }

  private static Change decide(StoreOp op, StoreState state, long revision) {
    java.util.function.Function<ResourceKey, KubeObject> lookup = state::get;
    ResourceKey key = op.key();
    KubeObject existing = lookup.apply(key);
    String rv = Long.toString(revision);
    if (!(op instanceof StoreOp.Delete)) {
      checkClaims(state, key, existing, op instanceof StoreOp.Create create ? create.object()
          : ((StoreOp.Update) op).object());
    }
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

  /**
   * Refuses a write whose object claims a value another object holds (422, as Kubernetes'
   * allocators answer). Only values the stored object does not already hold are checked, so an
   * object keeps whatever it was created with.
   */
  private static void checkClaims(StoreState state, ResourceKey key, KubeObject existing, KubeObject next) {
    List<UniqueClaims.Claim> claims = UniqueClaims.of(next);
    if (claims.isEmpty()) {
      return;
    }
    java.util.Set<String> held = new java.util.HashSet<>();
    if (existing != null) {
      UniqueClaims.of(existing).forEach(c -> held.add(c.value()));
    }
    List<Status.StatusCause> causes = new ArrayList<>();
    for (UniqueClaims.Claim claim : claims) {
      ResourceKey holder = state.claimHolder(claim.value());
      if (holder != null && !holder.equals(key) && !held.contains(claim.value())) {
        causes.add(new Status.StatusCause("FieldValueInvalid", claim.message(), claim.field()));
      }
    }
    if (!causes.isEmpty()) {
      throw ApiException.invalid(next.kind(), key.name(), causes);
    }
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
