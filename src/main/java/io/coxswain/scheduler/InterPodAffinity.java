package io.coxswain.scheduler;

import io.coxswain.api.core.Affinity;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodAffinityTerm;
import io.coxswain.api.core.WeightedPodAffinityTerm;
import io.coxswain.api.selector.ApiSelectors;
import io.coxswain.api.selector.LabelSelector;
import io.coxswain.api.selector.SelectorException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes' InterPodAffinity plugin. A term selects pods by labels in some namespaces and names
 * a topology key (a node label: {@code kubernetes.io/hostname} is "the same node", a zone label
 * "the same zone"); nodes with the same value of that label form one domain.
 *
 * <ul>
 *   <li>required affinity: the node's domain must hold a pod the term selects (the first pod of a
 *       group that selects itself may go anywhere the key exists);
 *   <li>required anti-affinity: the node's domain must hold none;
 *   <li>and symmetrically, a pod already placed with required anti-affinity against this pod keeps
 *       it out of that pod's domain;
 *   <li>preferred terms score each node by weight times the matching pods in its domain (anti
 *       terms count against), normalised to 0-100 over the feasible nodes.
 * </ul>
 *
 * A term's namespaces are its {@code namespaces} plus those its {@code namespaceSelector} selects
 * (an empty selector: all); with neither, the namespace of the pod that wrote the term.
 */
final class InterPodAffinity {
  private InterPodAffinity() {}

  static final String AFFINITY_MISMATCH = "node(s) didn't match pod affinity rules";
  static final String ANTI_AFFINITY_MISMATCH = "node(s) didn't match pod anti-affinity rules";
  static final String EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";

  /** One term with its selector parsed; {@code namespaces} null means every namespace. */
  record Term(LabelSelector selector, Set<String> namespaces, String topologyKey, int weight) {
    boolean selects(Pod pod) {
      return selector != null && (namespaces == null || namespaces.contains(pod.metadata().namespace()))
          && selector.matches(pod.metadata().labelsOrEmpty());
    }
  }

  /** What the filter and scorer need for one pod, worked out once per attempt over all nodes. */
  record Prepared(List<Term> affinity, List<Set<String>> affinityDomains, boolean firstOfItsGroup,
                  List<Term> antiAffinity, List<Set<String>> antiDomains, Map<String, Set<String>> forbidden,
                  List<Term> preferred, List<Map<String, Integer>> preferredCounts) {
    static final Prepared NONE = new Prepared(List.of(), List.of(), false, List.of(), List.of(), Map.of(),
        List.of(), List.of());

    boolean scores() {
      return !preferred.isEmpty();
    }
  }

  /** Whether a pod writes any pod (anti-)affinity term. */
  static boolean hasTerms(Pod pod) {
    Affinity a = pod.spec().affinity();
    return a != null && (a.podAffinity() != null || a.podAntiAffinity() != null);
  }

  /** Whether a pod keeps others away: it has required anti-affinity terms. */
  static boolean hasRequiredAntiAffinity(Pod pod) {
    Affinity a = pod.spec().affinity();
    return a != null && a.podAntiAffinity() != null
        && !a.podAntiAffinity().requiredDuringSchedulingIgnoredDuringExecution().isEmpty();
  }

  /** @param namespaceLabels every namespace's labels, for namespace selectors */
  static Prepared prepare(Pod pod, List<NodeInfo> nodes, Map<String, Map<String, String>> namespaceLabels) {
    boolean existingAnti = nodes.stream().anyMatch(n -> n.antiAffinityPods() > 0);
    if (!hasTerms(pod) && !existingAnti) {
      return Prepared.NONE;
    }
    Affinity a = pod.spec().affinity();
    List<Term> affinity = new ArrayList<>();
    List<Term> anti = new ArrayList<>();
    List<Term> preferred = new ArrayList<>();
    if (a != null && a.podAffinity() != null) {
      a.podAffinity().requiredDuringSchedulingIgnoredDuringExecution()
          .forEach(t -> affinity.add(term(pod, t, 0, namespaceLabels)));
      for (WeightedPodAffinityTerm w : a.podAffinity().preferredDuringSchedulingIgnoredDuringExecution()) {
        preferred.add(term(pod, w.podAffinityTerm(), weight(w), namespaceLabels));
      }
    }
    if (a != null && a.podAntiAffinity() != null) {
      a.podAntiAffinity().requiredDuringSchedulingIgnoredDuringExecution()
          .forEach(t -> anti.add(term(pod, t, 0, namespaceLabels)));
      for (WeightedPodAffinityTerm w : a.podAntiAffinity().preferredDuringSchedulingIgnoredDuringExecution()) {
        preferred.add(term(pod, w.podAffinityTerm(), -weight(w), namespaceLabels));
      }
    }
    List<Set<String>> affinityDomains = sets(affinity.size());
    List<Set<String>> antiDomains = sets(anti.size());
    List<Map<String, Integer>> counts = new ArrayList<>();
    preferred.forEach(t -> counts.add(new HashMap<>()));
    Map<String, Set<String>> forbidden = new HashMap<>();
    boolean anyAffinityMatch = false;
    for (NodeInfo node : nodes) {
      Map<String, String> labels = node.node().metadata().labelsOrEmpty();
      for (Pod other : node.pods()) {
        for (int i = 0; i < affinity.size(); i++) {
          String domain = labels.get(affinity.get(i).topologyKey());
          if (domain != null && affinity.get(i).selects(other)) {
            anyAffinityMatch = true;
            affinityDomains.get(i).add(domain);
          }
        }
        for (int i = 0; i < anti.size(); i++) {
          String domain = labels.get(anti.get(i).topologyKey());
          if (domain != null && anti.get(i).selects(other)) {
            antiDomains.get(i).add(domain);
          }
        }
        for (int i = 0; i < preferred.size(); i++) {
          String domain = labels.get(preferred.get(i).topologyKey());
          if (domain != null && preferred.get(i).selects(other)) {
            counts.get(i).merge(domain, 1, Integer::sum);
          }
        }
        if (node.antiAffinityPods() > 0 && hasRequiredAntiAffinity(other)) {
          for (PodAffinityTerm t : other.spec().affinity().podAntiAffinity()
              .requiredDuringSchedulingIgnoredDuringExecution()) {
            Term theirs = term(other, t, 0, namespaceLabels);
            String domain = labels.get(theirs.topologyKey());
            if (domain != null && theirs.selects(pod)) {
              forbidden.computeIfAbsent(theirs.topologyKey(), k -> new HashSet<>()).add(domain);
            }
          }
        }
      }
    }
    boolean first = !affinity.isEmpty() && !anyAffinityMatch && affinity.stream().allMatch(t -> t.selects(pod));
    return new Prepared(affinity, affinityDomains, first, anti, antiDomains, forbidden, preferred, counts);
  }

  /** The first rule the node breaks, checked in Kubernetes' order: affinity, anti-affinity, existing pods'. */
  static Optional<String> filter(Prepared p, Node node) {
    Map<String, String> labels = node.metadata().labelsOrEmpty();
    for (int i = 0; i < p.affinity().size(); i++) {
      String domain = labels.get(p.affinity().get(i).topologyKey());
      if (domain == null || !(p.firstOfItsGroup() || p.affinityDomains().get(i).contains(domain))) {
        return Optional.of(AFFINITY_MISMATCH);
      }
    }
    for (int i = 0; i < p.antiAffinity().size(); i++) {
      String domain = labels.get(p.antiAffinity().get(i).topologyKey());
      if (domain != null && p.antiDomains().get(i).contains(domain)) {
        return Optional.of(ANTI_AFFINITY_MISMATCH);
      }
    }
    for (Map.Entry<String, Set<String>> e : p.forbidden().entrySet()) {
      if (e.getValue().contains(labels.get(e.getKey()))) {
        return Optional.of(EXISTING_ANTI_AFFINITY);
      }
    }
    return Optional.empty();
  }

  /** Kubernetes' raw score: weight times matching pods in the node's domain, summed over terms. */
  static double rawScore(Prepared p, Node node) {
    Map<String, String> labels = node.metadata().labelsOrEmpty();
    double score = 0;
    for (int i = 0; i < p.preferred().size(); i++) {
      String domain = labels.get(p.preferred().get(i).topologyKey());
      if (domain != null) {
        score += p.preferred().get(i).weight() * p.preferredCounts().get(i).getOrDefault(domain, 0);
      }
    }
    return score;
  }

  private static int weight(WeightedPodAffinityTerm w) {
    return w.weight() == null ? 0 : w.weight();
  }

  private static Term term(Pod owner, PodAffinityTerm t, int weight,
      Map<String, Map<String, String>> namespaceLabels) {
    if (t == null) {
      return new Term(null, Set.of(), "", weight);
    }
    LabelSelector selector;
    try {
      selector = ApiSelectors.of(t.labelSelector());
    } catch (SelectorException e) {
      selector = null;
    }
    Set<String> namespaces;
    if (t.namespaceSelector() == null) {
      namespaces = t.namespaces().isEmpty() ? Set.of(owner.metadata().namespace()) : Set.copyOf(t.namespaces());
    } else if (t.namespaceSelector().matchLabels().isEmpty() && t.namespaceSelector().matchExpressions().isEmpty()) {
      namespaces = null;
    } else {
      namespaces = new HashSet<>(t.namespaces());
      LabelSelector nsSelector;
      try {
        nsSelector = ApiSelectors.of(t.namespaceSelector());
      } catch (SelectorException e) {
        nsSelector = null;
      }
      if (nsSelector != null) {
        for (Map.Entry<String, Map<String, String>> ns : namespaceLabels.entrySet()) {
          if (nsSelector.matches(ns.getValue())) {
            namespaces.add(ns.getKey());
          }
        }
      }
    }
    return new Term(selector, namespaces, t.topologyKey() == null ? "" : t.topologyKey(), weight);
  }

  private static List<Set<String>> sets(int n) {
    List<Set<String>> sets = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sets.add(new HashSet<>());
    }
    return sets;
  }
}
