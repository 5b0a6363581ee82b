package io.coxswain.network;

import java.util.List;

/**
 * Lets pods of different nodes on one host reach each other, as Kubernetes' network model asks
 * (every pod reaches every pod). Each node's pods live on their own Docker bridge, and Docker
 * drops traffic between its bridge networks (its isolation chains); Docker's documented place for
 * a host's own policy is the {@code DOCKER-USER} chain, evaluated first, where one rule accepts
 * forwarding from the cluster's pod range to the cluster's pod range. Blocking; idempotent.
 */
final class PodForwarding {
  private PodForwarding() {}

  /**
   * Adds the rule when Docker's {@code DOCKER-USER} chain exists and the rule is not there yet.
   *
   * @return what was done, for the log
   */
  static String allow(String clusterCidr) {
    List<String> rule = List.of("-s", clusterCidr, "-d", clusterCidr, "-j", "ACCEPT");
    HostCommands.Result chain = HostCommands.run(List.of("iptables", "-w", "-S", "DOCKER-USER"), null);
    if (!chain.ok()) {
      return "no DOCKER-USER chain (pods of different nodes on this host reach each other only if nothing drops it)";
    }
    if (HostCommands.run(concat("-C", rule), null).ok()) {
      return "pod range " + clusterCidr + " already forwarded between node bridges";
    }
    HostCommands.Result added = HostCommands.run(concat("-I", rule), null);
    return added.ok() ? "pod range " + clusterCidr + " forwarded between node bridges (DOCKER-USER)"
        : "could not let pods of different nodes reach each other: " + added.message();
  }

  private static List<String> concat(String verb, List<String> rule) {
    List<String> command = new java.util.ArrayList<>(List.of("iptables", "-w", verb, "DOCKER-USER"));
    command.addAll(rule);
    return command;
  }
}
