package io.coxswain.network;

import java.util.List;

/**
 * The safety rule of the service data plane: the whole service range is local to this machine, so
 * a packet to a cluster IP can never leave it, whatever the rules do (a missing rule, a race, a
 * bug). As kube-proxy's IPVS mode puts every cluster IP on a dummy interface, the node adds one
 * {@code local} route for the whole range in the kernel's local table; a connection to a cluster IP
 * that no rule took then ends on this host (and is refused by the reject chain), never on the wire.
 */
public final class ServiceRange {
  private final String cidr;

  /** @param cidr the service range, e.g. {@code 10.96.0.0/16} (as {@code coxswain.api.service-cidr}) */
  public ServiceRange(String cidr) {
    this.cidr = cidr;
  }

  public String cidr() {
    return cidr;
  }

  /**
   * Adds the local route when it is missing, then checks it. Blocking.
   *
   * @throws Unsafe naming what is missing (not root, no iproute2, the route did not take)
   */
  public void ensureLocal() throws Unsafe {
    if (isLocal()) {
      return;
    }
    HostCommands.Result added = HostCommands.run(
        List.of("ip", "route", "replace", "local", cidr, "dev", "lo", "table", "local"), null);
    if (!added.ok()) {
      throw new Unsafe("cannot route the service range " + cidr + " locally (ip route replace local " + cidr
          + " dev lo table local: " + added.message() + "); run the node as root (or with CAP_NET_ADMIN) with "
          + "iproute2 installed");
    }
    if (!isLocal()) {
      throw new Unsafe("the service range " + cidr + " is not local after adding its route: "
          + routeOf(probeAddress()).message());
    }
  }

  /**
   * Whether a packet to the range stays on this host: {@code ip route get} of the range's first and
   * last addresses says {@code local}. Blocking.
   */
  public boolean isLocal() {
    return isLocalRoute(routeOf(probeAddress())) && isLocalRoute(routeOf(lastAddress()));
  }

  /**
   * Whether a packet to {@code address} stays on this host ({@code ip route get} says {@code local}):
   * what every test checks of a cluster IP before it sends a packet there. Blocking.
   */
  public static boolean routesLocally(String address) {
    return isLocalRoute(routeOf(address));
  }

  /** What {@code ip route get} says of {@code address}, for messages. */
  public static String describeRoute(String address) {
    return routeOf(address).message();
  }

  private static HostCommands.Result routeOf(String address) {
    return HostCommands.run(List.of("ip", "route", "get", address), null);
  }

  static boolean isLocalRoute(HostCommands.Result route) {
    return route.ok() && route.stdout().strip().startsWith("local ");
  }

  /** The range's first host address (network + 1). */
  String probeAddress() {
    return Cidr.parse(cidr).address(1);
  }

  String lastAddress() {
    Cidr range = Cidr.parse(cidr);
    return range.address(range.size() - 2);
  }

  /** The range cannot be made local: no service may be served. */
  public static final class Unsafe extends Exception {
    public Unsafe(String message) {
      super(message);
    }
  }
}
