package io.coxswain.network;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Node IPAM (Kubernetes' range allocator): each node's pod range, a block of {@code maskSize} bits
 * cut from the cluster CIDR, never overlapping another node's block or a network this host already
 * has for something else (an existing Docker network). Pure: the claims come from the store and the
 * host's networks from the runtime; {@code PodCidrClaim} writes the choice back atomically.
 */
public final class PodCidrs {
  private PodCidrs() {}

  /**
   * The block for {@code node}: the one it holds already if it still fits, else {@code preferred}
   * (the subnet its network already has on this host) if that is free, else the first free block.
   *
   * @param claims      node name to the block it holds
   * @param unavailable ranges this host uses for other things
   * @return empty when the cluster CIDR has no free block left
   */
  public static Optional<Cidr> choose(Cidr cluster, int maskSize, Map<String, String> claims, String node,
      Collection<Cidr> unavailable, Cidr preferred) {
    if (maskSize < cluster.prefix() || maskSize > 30) {
      throw new IllegalArgumentException("node CIDR mask size " + maskSize + " does not fit in " + cluster);
    }
    String held = claims.get(node);
    if (held != null) {
      Cidr block = Cidr.parse(held);
      if (free(block, node, claims, unavailable)) {
        return Optional.of(block);
      }
    }
    if (preferred != null && preferred.prefix() == maskSize && cluster.overlaps(preferred)
        && cluster.prefix() <= preferred.prefix() && free(preferred, node, claims, unavailable)) {
      return Optional.of(preferred);
    }
    long blocks = 1L << (maskSize - cluster.prefix());
    long blockSize = 1L << (32 - maskSize);
    // Block 0 is skipped, as the default pod range of a single node used to be x.y.1.0/24 and
    // ranges ending in .0.0 confuse people reading addresses.
    for (long i = 1; i < blocks; i++) {
      Cidr block = new Cidr((int) (cluster.base() + i * blockSize), maskSize);
      if (free(block, node, claims, unavailable)) {
        return Optional.of(block);
      }
    }
    return Optional.empty();
  }

  private static boolean free(Cidr block, String node, Map<String, String> claims, Collection<Cidr> unavailable) {
    for (Map.Entry<String, String> claim : claims.entrySet()) {
      if (!claim.getKey().equals(node) && Cidr.parse(claim.getValue()).overlaps(block)) {
        return false;
      }
    }
    return unavailable.stream().noneMatch(block::overlaps);
  }
}
