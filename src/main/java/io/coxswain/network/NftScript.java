package io.coxswain.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the {@code nft -f} script that brings a node's table from one {@link Ruleset} to the
 * next in one transaction: the kernel swaps the whole change in atomically, so a packet sees
 * either the old rules or the new ones, never a half-written table (kube-proxy's nftables sync).
 * Only the difference is written: chains whose rules are unchanged, map elements that stay and
 * affinity sets (with the clients they remember) are left alone, so one endpoint changing among
 * thousands costs a few lines, not a rebuild.
 *
 * <p>The table (family {@code ip}):
 * <pre>
 *   nat-prerouting, nat-output  (nat, dstnat)  jump services
 *   services                    cluster IP . proto . port  vmap @service-ips
 *                               local address but 127/8, proto . port  vmap @service-nodeports
 *   svc-… / ep-…                per service port / per endpoint: pick, mark, DNAT
 *   nat-postrouting  (srcnat)   masquerade what an endpoint chain marked
 *   filter-input, filter-output (filter - 10)  a new connection still addressed to the service
 *                               range (no rule took it: no ready endpoint, or no such port) or to a
 *                               node port without endpoints is refused at once (TCP reset, else ICMP)
 * </pre>
 * Pure: no I/O.
 */
public final class NftScript {
  static final List<String> FIXED_CHAINS = List.of("nat-prerouting", "nat-output", "nat-postrouting", "filter-input",
      "filter-output", "services", "reject-services");
  private static final Map<String, String> BASE_CHAINS = Map.of(
      "nat-prerouting", "type nat hook prerouting priority dstnat ; policy accept ;",
      "nat-output", "type nat hook output priority -100 ; policy accept ;",
      "nat-postrouting", "type nat hook postrouting priority srcnat ; policy accept ;",
      "filter-input", "type filter hook input priority -10 ; policy accept ;",
      "filter-output", "type filter hook output priority -10 ; policy accept ;");

  private NftScript() {}

  /**
   * @param table       the node's table name (family ip)
   * @param comment     kept on the table (who owns it); written only when the table is made afresh
   * @param serviceCidr the service range, e.g. {@code 10.96.0.0/16}
   * @param previous    what the table holds now, or null to make it afresh (any old one is deleted)
   * @param next        what it should hold
   */
  public static String transaction(String table, String comment, String serviceCidr, Ruleset previous, Ruleset next) {
    List<String> lines = new ArrayList<>();
    String t = "ip " + table;
    if (previous == null) {
      lines.add("table " + t);
      lines.add("delete table " + t);
      lines.add("add table " + t + " { comment " + quoted(comment) + " ; }");
      lines.add("add map " + t + " service-ips { type ipv4_addr . inet_proto . inet_service : verdict ; }");
      lines.add("add map " + t + " service-nodeports { type inet_proto . inet_service : verdict ; }");
      lines.add("add set " + t + " no-endpoints { type ipv4_addr . inet_proto . inet_service ; }");
      lines.add("add set " + t + " no-endpoint-nodeports { type inet_proto . inet_service ; }");
      for (String chain : FIXED_CHAINS) {
        String base = BASE_CHAINS.get(chain);
        lines.add("add chain " + t + " " + chain + (base == null ? "" : " { " + base + " }"));
      }
      fixedRules(t, serviceCidr, lines);
    }
    Ruleset before = previous == null ? Ruleset.EMPTY : previous;
    // 1. Take away every reference that is about to go stale: elements that leave the maps, and
    //    the rules of chains that change or go (a chain can be deleted only once nothing jumps to it).
    removedElements(lines, t, "service-ips", before.serviceIps(), next.serviceIps(), true);
    removedElements(lines, t, "service-nodeports", before.nodePorts(), next.nodePorts(), true);
    removedElements(lines, t, "no-endpoints", before.noEndpoints(), next.noEndpoints(), false);
    removedElements(lines, t, "no-endpoint-nodeports", before.noEndpointNodePorts(), next.noEndpointNodePorts(), false);
    for (Map.Entry<String, List<String>> chain : before.chains().entrySet()) {
      if (!chain.getValue().equals(next.chains().get(chain.getKey()))) {
        lines.add("flush chain " + t + " " + chain.getKey());
      }
    }
    // 2. Delete what went, add what came.
    for (String chain : before.chains().keySet()) {
      if (!next.chains().containsKey(chain)) {
        lines.add("delete chain " + t + " " + chain);
      }
    }
    for (Map.Entry<String, Integer> set : before.affinitySets().entrySet()) {
      if (!set.getValue().equals(next.affinitySets().get(set.getKey()))) {
        lines.add("delete set " + t + " " + set.getKey());
      }
    }
    for (String chain : next.chains().keySet()) {
      if (!before.chains().containsKey(chain)) {
        lines.add("add chain " + t + " " + chain);
      }
    }
    for (Map.Entry<String, Integer> set : next.affinitySets().entrySet()) {
      if (!set.getValue().equals(before.affinitySets().get(set.getKey()))) {
        lines.add("add set " + t + " " + set.getKey() + " { type ipv4_addr ; flags dynamic,timeout ; timeout "
            + set.getValue() + "s ; size 65535 ; }");
      }
    }
    // 3. Fill the chains that are new or changed, then point the maps at them.
    for (Map.Entry<String, List<String>> chain : next.chains().entrySet()) {
      if (!chain.getValue().equals(before.chains().get(chain.getKey()))) {
        for (String rule : chain.getValue()) {
          lines.add("add rule " + t + " " + chain.getKey() + " " + rule);
        }
      }
    }
    addedElements(lines, t, "service-ips", before.serviceIps(), next.serviceIps());
    addedElements(lines, t, "service-nodeports", before.nodePorts(), next.nodePorts());
    addedElements(lines, t, "no-endpoints", before.noEndpoints(), next.noEndpoints());
    addedElements(lines, t, "no-endpoint-nodeports", before.noEndpointNodePorts(), next.noEndpointNodePorts());
    return String.join("\n", lines) + "\n";
  }

  /** Deletes the table (a node that stops, or a table whose owner is gone). */
  public static String deletion(String table) {
    return "table ip " + table + "\ndelete table ip " + table + "\n";
  }

  private static void fixedRules(String t, String serviceCidr, List<String> lines) {
    lines.add("add rule " + t + " nat-prerouting jump services");
    lines.add("add rule " + t + " nat-output jump services");
    int mark = ServiceRules.MASQUERADE_MARK;
    lines.add(String.format(Locale.ROOT, "add rule %s nat-postrouting meta mark & 0x%x == 0x%x "
        + "meta mark set meta mark & 0x%x masquerade fully-random", t, mark, mark, ~mark));
    lines.add("add rule " + t + " services ip daddr . meta l4proto . th dport vmap @service-ips");
    lines.add("add rule " + t + " services ip daddr != 127.0.0.0/8 fib daddr type local "
        + "meta l4proto . th dport vmap @service-nodeports");
    lines.add("add rule " + t + " filter-input jump reject-services");
    lines.add("add rule " + t + " filter-output jump reject-services");
    String newConnection = "add rule " + t + " reject-services ct state new ";
    for (String match : List.of("ip daddr . meta l4proto . th dport @no-endpoints",
        "ip daddr != 127.0.0.0/8 fib daddr type local meta l4proto . th dport @no-endpoint-nodeports",
        "ip daddr " + serviceCidr)) {
      lines.add(newConnection + match + " meta l4proto tcp reject with tcp reset");
      lines.add(newConnection + match + " reject");
    }
  }

  /** Deletes the elements of {@code before} that {@code after} has not (a map's by their key). */
  private static void removedElements(List<String> lines, String t, String name, List<String> before,
      List<String> after, boolean map) {
    java.util.Set<String> keep = new java.util.HashSet<>(after);
    List<String> gone = before.stream().filter(e -> !keep.contains(e))
        .map(e -> map ? e.substring(0, e.indexOf(" : ")) : e).toList();
    if (!gone.isEmpty()) {
      lines.add("delete element " + t + " " + name + " { " + String.join(", ", gone) + " }");
    }
  }

  private static void addedElements(List<String> lines, String t, String name, List<String> before,
      List<String> after) {
    java.util.Set<String> had = new java.util.HashSet<>(before);
    List<String> added = after.stream().filter(e -> !had.contains(e)).toList();
    if (!added.isEmpty()) {
      lines.add("add element " + t + " " + name + " { " + String.join(", ", added) + " }");
    }
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\"", "'") + "\"";
  }
}
