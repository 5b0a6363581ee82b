package io.coxswain.node.config;

import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodDNSConfig;
import io.coxswain.api.core.PodDNSConfigOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A pod's {@code /etc/resolv.conf} as a kubelet writes it, from its {@code dnsPolicy} and
 * {@code dnsConfig}:
 * <ul>
 *   <li>{@code ClusterFirst} (the default; {@code ClusterFirstWithHostNet} too): the cluster DNS
 *       ({@code nameserver} the kube-dns Service's IP), {@code search <ns>.svc.<domain>
 *       svc.<domain> <domain>}, {@code options ndots:5}. Without a cluster DNS, as {@code Default}.</li>
 *   <li>{@code Default}: the node's own resolv.conf, as it is.</li>
 *   <li>{@code None}: only what {@code dnsConfig} says.</li>
 * </ul>
 * {@code dnsConfig} is then merged in: its nameservers after the policy's (three at most), its
 * searches after the policy's (duplicates dropped, 32 at most), its options over the policy's by
 * name. Pure.
 */
public final class ResolvConf {
  private static final int MAX_NAMESERVERS = 3;
  private static final int MAX_SEARCHES = 32;

  private ResolvConf() {}

  /**
   * @param clusterDns the kube-dns Service's cluster IP, or null when the cluster has no DNS here
   * @param domain     the cluster domain, {@code cluster.local}
   * @param hostFile   the node's own resolv.conf text (for {@code Default})
   */
  public static String render(Pod pod, String clusterDns, String domain, String hostFile) {
    String policy = pod.spec().dnsPolicy() == null ? "ClusterFirst" : pod.spec().dnsPolicy();
    List<String> nameservers = new ArrayList<>();
    List<String> searches = new ArrayList<>();
    Map<String, String> options = new LinkedHashMap<>();
    boolean clusterFirst = policy.startsWith("ClusterFirst") && clusterDns != null;
    if (clusterFirst) {
      String namespace = pod.metadata().namespace();
      nameservers.add(clusterDns);
      searches.addAll(List.of(namespace + ".svc." + domain, "svc." + domain, domain));
      options.put("ndots", "5");
    } else if (!"None".equals(policy)) {
      parseHost(hostFile, nameservers, searches, options);
    }
    PodDNSConfig config = pod.spec().dnsConfig();
    if (config != null) {
      nameservers.addAll(config.nameservers());
      searches.addAll(config.searches());
      for (PodDNSConfigOption option : config.options()) {
        options.put(option.name(), option.value());
      }
    }
    StringBuilder file = new StringBuilder();
    List<String> uniqueSearches = new ArrayList<>(new LinkedHashSet<>(searches));
    if (!uniqueSearches.isEmpty()) {
      file.append("search ").append(String.join(" ", uniqueSearches.subList(0,
          Math.min(MAX_SEARCHES, uniqueSearches.size())))).append('\n');
    }
    nameservers.stream().distinct().limit(MAX_NAMESERVERS).forEach(ns -> file.append("nameserver ").append(ns)
        .append('\n'));
    if (!options.isEmpty()) {
      List<String> rendered = new ArrayList<>();
      options.forEach((name, value) -> rendered.add(value == null || value.isEmpty() ? name : name + ":" + value));
      file.append("options ").append(String.join(" ", rendered)).append('\n');
    }
    return file.toString();
  }

  private static void parseHost(String hostFile, List<String> nameservers, List<String> searches,
      Map<String, String> options) {
    if (hostFile == null) {
      return;
    }
    for (String line : hostFile.split("\n")) {
      String[] words = line.strip().split("\\s+");
      if (words.length < 2 || words[0].startsWith("#") || words[0].startsWith(";")) {
        continue;
      }
      switch (words[0]) {
        case "nameserver" -> nameservers.add(words[1]);
        case "search", "domain" -> searches.addAll(List.of(words).subList(1, words.length));
        case "options" -> {
          for (int i = 1; i < words.length; i++) {
            String[] option = words[i].split(":", 2);
            options.put(option[0], option.length > 1 ? option[1] : null);
          }
        }
        default -> { }
      }
    }
  }
}
