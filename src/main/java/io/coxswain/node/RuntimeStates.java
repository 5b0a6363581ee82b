package io.coxswain.node;

import io.coxswain.node.runtime.OwnedObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The node agent's relist, pure: a fingerprint of each pod's runtime objects, and which changed. */
final class RuntimeStates {
  private RuntimeStates() {}

  /** Per pod uid: its objects' ids and whether each runs, in a stable order. */
  static Map<String, String> byPod(List<OwnedObject> owned) {
    Map<String, Map<String, Boolean>> objects = new HashMap<>();
    for (OwnedObject object : owned) {
      objects.computeIfAbsent(object.pod().uid(), uid -> new TreeMap<>()).put(object.id(), object.running());
    }
    Map<String, String> states = new HashMap<>();
    objects.forEach((uid, ids) -> states.put(uid, ids.toString()));
    return states;
  }

  /** Pods whose objects appeared, went, or started or stopped running between two relists. */
  static Set<String> changed(Map<String, String> before, Map<String, String> after) {
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
