package io.coxswain.cluster;

import io.coxswain.api.ApiException;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.ConfigMap;
import io.coxswain.network.Cidr;
import io.coxswain.network.PodCidrs;
import io.coxswain.registry.Client;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.CacheView;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Claims this node's pod range in the store, so that no two members ever get overlapping ones:
 * the claims of every node are the data of the ConfigMap {@code kube-system/coxswain-pod-cidrs}
 * (node name to {@code CIDR claimed-at}; readable with kubectl), and a claim is a read-modify-write of it guarded by
 * its resourceVersion: two members claiming at once conflict, and the loser chooses again from
 * the winner's claims. The range then becomes the Node's {@code spec.podCIDR}.
 */
final class PodCidrClaim {
  static final ResourceKey CLAIMS = new ResourceKey("configmaps", "kube-system", "coxswain-pod-cidrs");
  private static final int ATTEMPTS = 20;
  /** How long a claim counts without its Node: a member registers its Node within moments of claiming. */
  static final Duration GRACE = Duration.ofMinutes(2);

  private PodCidrClaim() {}

  /**
   * @param requested   a range the operator fixed for this node ({@code coxswain.node.pod-subnet}), or blank
   * @param preferred   the subnet this node's network already has on this host, or null
   * @param unavailable ranges this host uses for something else
   * @return the claimed range
   * @throws IllegalStateException when the requested range is another node's or overlaps the host's
   *                               networks, or no block is left
   */
  static Cidr claim(Client client, String node, Cidr cluster, int maskSize, String requested, Cidr preferred,
      Collection<Cidr> unavailable, Predicate<String> nodeExists) throws Exception {
    for (int attempt = 0; ; attempt++) {
      try {
        ConfigMap stored = ensureClaims(client);
        Map<String, String> claims = live(stored, nodeExists, Instant.now());
        Cidr chosen = requested == null || requested.isBlank()
            ? PodCidrs.choose(cluster, maskSize, claims, node, unavailable, preferred).orElseThrow(() ->
                new IllegalStateException("no pod range is left for node " + node + ": every /" + maskSize + " of "
                    + cluster + " is taken by another node or by a network of this host (" + unavailable + ")"))
            : checked(Cidr.parse(requested), node, claims, unavailable);
        if (chosen.toString().equals(claims.get(node)) && claims.size() == stored.dataOrEmpty().size()) {
          return chosen;
        }
        CoxswainNode.await(client.update(CLAIMS, ConfigMap.class, current -> {
          if (!current.metadata().resourceVersion().equals(stored.metadata().resourceVersion())) {
            throw new ApiException(io.coxswain.api.Status.failure(409, "Conflict",
                "the pod range claims changed meanwhile", null));
          }
          Map<String, String> next = new HashMap<>();
          claims.forEach((name, cidr) -> next.put(name, current.dataOrEmpty().get(name)));
          next.put(node, chosen + " " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
          return current.withData(next);
        }), Duration.ofSeconds(30), "claiming a pod range");
        return chosen;
      } catch (ExecutionException | CompletionException e) {
        if (!(e.getCause() instanceof ApiException api && api.status().code() == 409) || attempt >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * Whether {@code node} claimed a pod range within the grace period: a member that is starting
   * has claimed its range but not yet registered its Node.
   */
  static boolean claimedLately(CacheView view, String node) {
    if (!(view.get(CLAIMS) instanceof ConfigMap claims) || !claims.dataOrEmpty().containsKey(node)) {
      return false;
    }
    return claimedAt(claims.dataOrEmpty().get(node)).isAfter(Instant.now().minus(GRACE));
  }

  /**
   * The claims that still count, node name to range: those of nodes in the cluster, and those made
   * within the grace period (a member that is starting). The range of a node that is gone for
   * longer is free again, as Kubernetes releases a deleted Node's podCIDR.
   */
  static Map<String, String> live(ConfigMap claims, Predicate<String> nodeExists, Instant now) {
    Map<String, String> live = new HashMap<>();
    claims.dataOrEmpty().forEach((name, value) -> {
      if (nodeExists.test(name) || claimedAt(value).isAfter(now.minus(GRACE))) {
        live.put(name, value.split(" ")[0]);
      }
    });
    return live;
  }

  private static Instant claimedAt(String value) {
    String[] parts = value.split(" ");
    try {
      return parts.length > 1 ? Instant.parse(parts[1]) : Instant.EPOCH;
    } catch (java.time.format.DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  private static Cidr checked(Cidr requested, String node, Map<String, String> claims, Collection<Cidr> unavailable) {
    for (Map.Entry<String, String> claim : claims.entrySet()) {
      if (!claim.getKey().equals(node) && Cidr.parse(claim.getValue()).overlaps(requested)) {
        throw new IllegalStateException("the pod range " + requested + " set for node " + node + " overlaps node "
            + claim.getKey() + "'s " + claim.getValue());
      }
    }
    for (Cidr other : unavailable) {
      if (other.overlaps(requested)) {
        throw new IllegalStateException("the pod range " + requested + " set for node " + node
            + " overlaps a network this host already has (" + other + ")");
      }
    }
    return requested;
  }

  private static ConfigMap ensureClaims(Client client) throws Exception {
    java.util.Optional<ConfigMap> existing = CoxswainNode.await(client.get(CLAIMS, ConfigMap.class),
        Duration.ofSeconds(30), "reading the pod range claims");
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      return CoxswainNode.await(client.create(ConfigMap.of(ObjectMeta.named(CLAIMS.namespace(), CLAIMS.name()),
          Map.of())), Duration.ofSeconds(30), "creating the pod range claims");
    } catch (ExecutionException | CompletionException e) {
      if (e.getCause() instanceof ApiException api && api.status().code() == 409) {
        return ensureClaims(client); // another member made it first
      }
      throw e;
    }
  }
}
