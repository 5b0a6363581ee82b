package io.coxswain.node;

import io.coxswain.node.runtime.OwnedObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The node agent's relist, pure: a fingerprint of each pod's runtime objects, and which changed. */
final class RuntimeStates {
  private RuntimeStates() {}

  /** Per pod uid: its objects' ids and whether each runs (compared by value between relists). */
  static Map<String, Map<String, Boolean>> byPod(List<OwnedObject> owned) {
    Map<String, Map<String, Boolean>> objects = new HashMap<>();
    for (OwnedObject object : owned) {
      objects.computeIfAbsent(object.pod().uid(), uid -> new HashMap<>()).put(object.id(), object.running());
    }
    return objects;
  }

  /** Pods whose objects appeared, went, or started or stopped running between two relists. */
  static Set<String> changed(Map<String, Map<String, Boolean>> before, Map<String, Map<String, Boolean>> after) {
    Set<String> changed = new HashSet<>();
    after.forEach((uid, state) -> {
      if (!state.equals(before.get(uid))) {
        changed.add(uid);
      }
    });
    before.keySet().forEach(uid -> {
      if (!after.containsKey(uid)) {
        changed.add(uid);
      }
    });
    return changed;
  }
}
