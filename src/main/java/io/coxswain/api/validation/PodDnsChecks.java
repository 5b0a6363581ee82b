package io.coxswain.api.validation;

import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.core.HostAlias;
import io.coxswain.api.core.PodDNSConfig;
import io.coxswain.api.core.PodSpec;
import java.util.List;

/**
 * Kubernetes' checks of what a pod adds to its containers' /etc/hosts and resolv.conf, in its
 * words: each hostAlias an IP and DNS subdomain names (so nothing but names reaches the file), and
 * a dnsConfig that {@code dnsPolicy: None} requires, with at most 3 nameservers (IPs), at most 32
 * search domains of at most 2048 characters in all, and named options.
 */
final class PodDnsChecks {
  private static final int MAX_NAMESERVERS = 3;
  private static final int MAX_SEARCHES = 32;
  private static final int MAX_SEARCH_CHARS = 2048;

  private PodDnsChecks() {}

  static void check(PodSpec spec, String path, List<StatusCause> out) {
    hostAliases(spec.hostAliases(), path + ".hostAliases", out);
    dnsConfig(spec.dnsPolicy(), spec.dnsConfig(), path, out);
  }

  private static void hostAliases(List<HostAlias> aliases, String path, List<StatusCause> out) {
    for (int i = 0; i < aliases.size(); i++) {
      HostAlias alias = aliases.get(i);
      String at = path + "[" + i + "]";
      if (alias.ip() == null || !Names.isIp(alias.ip())) {
        out.add(Causes.invalid(at + ".ip", alias.ip() == null ? "" : alias.ip(), Names.IP_MSG));
      }
      for (int j = 0; j < alias.hostnames().size(); j++) {
        String name = alias.hostnames().get(j);
        String field = at + ".hostnames[" + j + "]";
        Names.dns1123Subdomain(name == null ? "" : name).forEach(m -> out.add(Causes.invalid(field, name, m)));
      }
    }
  }

  private static void dnsConfig(String policy, PodDNSConfig config, String path, List<StatusCause> out) {
    if ("None".equals(policy) && config == null) {
      out.add(Causes.required(path + ".dnsConfig", "must provide `dnsConfig` when `dnsPolicy` is None"));
      return;
    }
    if (config == null) {
      return;
    }
    String at = path + ".dnsConfig";
    if ("None".equals(policy) && config.nameservers().isEmpty()) {
      out.add(Causes.required(at + ".nameservers", "must provide at least one DNS nameserver when `dnsPolicy` is "
          + "None"));
    }
    if (config.nameservers().size() > MAX_NAMESERVERS) {
      out.add(Causes.invalid(at + ".nameservers", config.nameservers(), "must not have more than "
          + MAX_NAMESERVERS + " nameservers"));
    }
    for (int i = 0; i < config.nameservers().size(); i++) {
      String ns = config.nameservers().get(i);
      if (ns == null || !Names.isIp(ns)) {
        out.add(Causes.invalid(at + ".nameservers[" + i + "]", ns == null ? "" : ns, "must be valid IP address"));
      }
    }
    if (config.searches().size() > MAX_SEARCHES) {
      out.add(Causes.invalid(at + ".searches", config.searches(), "must not have more than " + MAX_SEARCHES
          + " search paths"));
    }
    if (String.join(" ", config.searches()).length() > MAX_SEARCH_CHARS) {
      out.add(Causes.invalid(at + ".searches", config.searches(), "must not have more than " + MAX_SEARCH_CHARS
          + " characters (including spaces) in the search list"));
    }
    for (int i = 0; i < config.searches().size(); i++) {
      String search = config.searches().get(i);
      // A search domain may end in a dot (fully qualified).
      String name = search != null && search.endsWith(".") ? search.substring(0, search.length() - 1) : search;
      String field = at + ".searches[" + i + "]";
      Names.dns1123Subdomain(name == null ? "" : name).forEach(m -> out.add(Causes.invalid(field, search, m)));
    }
    for (int i = 0; i < config.options().size(); i++) {
      var option = config.options().get(i);
      if (option.name() == null || option.name().isEmpty()) {
        out.add(Causes.required(at + ".options[" + i + "].name", "Option.Name must not be empty"));
      }
    }
  }
}
