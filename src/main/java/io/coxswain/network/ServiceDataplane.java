package io.coxswain.network;

import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's service data plane in the kernel: its nftables table and the checks around it.
 * {@link #start} refuses to serve unless the service range is local and nftables answers;
 * {@link #sync} moves the table to a new {@link Ruleset} in one transaction, checking the range
 * again first, so no packet to a cluster IP is ever steered while the range could leave the host.
 * Blocking and not thread-safe: one caller at a time (the {@link ServiceProxy}'s single worker).
 */
public final class ServiceDataplane {
  private static final Logger log = LoggerFactory.getLogger(ServiceDataplane.class);
  private static final long STALE_SWEEP_NANOS = 5_000_000_000L;

  private final String nodeName;
  private final String table;
  private final ServiceRange range;
  private final Supplier<List<String>> bridges;
  private final String clusterCidr;
  private Ruleset applied; // null: the table's content is unknown, rebuild it afresh
  private long lastSweep;

  /**
   * @param bridges the Linux bridges this node's pods are on (their ports get hairpin mode)
   */
  public ServiceDataplane(String nodeName, ServiceRange range, Supplier<List<String>> bridges) {
    this(nodeName, range, bridges, null);
  }

  /**
   * @param clusterCidr the cluster's pod range, forwarded between the bridges of this host's nodes
   *                    ({@link PodForwarding}), or null
   */
  public ServiceDataplane(String nodeName, ServiceRange range, Supplier<List<String>> bridges, String clusterCidr) {
    this.clusterCidr = clusterCidr;
    this.nodeName = nodeName;
    this.table = NftTables.tableOf(nodeName);
    this.range = range;
    this.bridges = bridges;
  }

  /**
   * Makes the range local, checks nftables, removes tables left by members that are gone and writes
   * an empty table.
   *
   * @throws ServiceRange.Unsafe      the range cannot be made local: serve nothing
   * @throws NftTables.Unavailable    nftables cannot be used: serve nothing
   */
  public void start() throws ServiceRange.Unsafe, NftTables.Unavailable {
    range.ensureLocal();
    NftTables.check();
    sweep();
    sync(Ruleset.EMPTY);
    if (clusterCidr != null) {
      log.info("node={} {}", nodeName, PodForwarding.allow(clusterCidr));
    }
    log.info("node={} service data plane ready: nftables table {}, service range {} routed locally", nodeName, table,
        range.cidr());
  }

  /**
   * Brings the table to {@code next}; nothing when it already holds it.
   *
   * @throws ServiceRange.Unsafe   the range stopped being local (nothing was changed)
   * @throws NftTables.Unavailable nft refused the script (the next sync rebuilds afresh)
   */
  public boolean sync(Ruleset next) throws ServiceRange.Unsafe, NftTables.Unavailable {
    if (next.equals(applied)) {
      return false;
    }
    if (!range.isLocal()) {
      range.ensureLocal();
    }
    String script = NftScript.transaction(table, NftTables.ownerComment(nodeName), range.cidr(), applied, next);
    try {
      NftTables.apply(script);
    } catch (NftTables.Unavailable e) {
      applied = null;
      throw e;
    }
    applied = next;
    for (String bridge : bridges.get()) {
      Hairpin.enable(bridge);
    }
    if (System.nanoTime() - lastSweep > STALE_SWEEP_NANOS) {
      sweep();
    }
    return true;
  }

  /** Removes this node's table (the node stops: its rules must not outlive it). */
  public void stop() {
    try {
      NftTables.apply(NftScript.deletion(table));
    } catch (NftTables.Unavailable e) {
      log.warn("node={} could not remove its service rules: {}", nodeName, e.getMessage());
    }
    applied = null;
  }

  public String table() {
    return table;
  }

  private void sweep() {
    lastSweep = System.nanoTime();
    for (String stale : NftTables.removeStale()) {
      log.info("node={} removed the service rules of a member that is gone: table {}", nodeName, stale);
    }
  }
}
