package io.coxswain.network;

import io.coxswain.api.core.EndpointAddress;
import io.coxswain.api.core.EndpointPort;
import io.coxswain.api.core.EndpointSubset;
import io.coxswain.api.core.Endpoints;
import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServicePort;
import io.coxswain.store.CacheView;
import io.coxswain.store.ResourceKey;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The cluster's DNS records, answered from a node's cache as Kubernetes' DNS specification lays
 * them out (what CoreDNS's kubernetes plugin serves), with dnsjava for the wire format:
 * <ul>
 *   <li>{@code <svc>.<ns>.svc.<domain>}: A, the cluster IP; for a headless Service the addresses
 *       of its ready endpoints (and of not-ready ones with {@code publishNotReadyAddresses}, which
 *       the Endpoints already list as ready); for an ExternalName Service a CNAME;</li>
 *   <li>{@code _<port>._<proto>.<svc>.<ns>.svc.<domain>}: SRV for each named port, pointing at the
 *       Service name (headless: at each endpoint's own name);</li>
 *   <li>{@code <hostname>.<svc>.<ns>.svc.<domain>}: A for an endpoint of a headless Service, named
 *       by its hostname (a pod's {@code hostname} and {@code subdomain}) or else by its address
 *       with dashes ({@code 10-244-1-5}), the names the SRV records point at;</li>
 *   <li>{@code <a-b-c-d>.<ns>.pod.<domain>}: A, the address the name spells;</li>
 *   <li>{@code d.c.b.a.in-addr.arpa}: PTR to the Service a cluster IP belongs to, and to the
 *       endpoint name of an address that backs a Service.</li>
 * </ul>
 * Anything else is NXDOMAIN (names of the cluster that do not exist, and every name outside the
 * cluster domain: nothing is forwarded). A name that exists but has no record of the asked type
 * (AAAA, say) is an empty NOERROR answer, as resolvers need to stop trying. Answers are
 * authoritative with a TTL of {@value #TTL} s. Pure: reads the cache, does no I/O.
 */
public final class ClusterDns {
  static final long TTL = 30;

  private final Name domain;
  private final Name serviceZone;
  private final Name podZone;
  private final SOARecord soa;

  /** @param domain the cluster domain, {@code cluster.local} */
  public ClusterDns(String domain) {
    try {
      this.domain = Name.fromString(domain, Name.root);
      this.serviceZone = Name.fromString("svc", this.domain);
      this.podZone = Name.fromString("pod", this.domain);
      this.soa = new SOARecord(this.domain, DClass.IN, TTL, Name.fromString("ns.dns", this.domain),
          Name.fromString("hostmaster", this.domain), 1, 7200, 1800, 86400, TTL);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS domain: " + domain, e);
    }
  }

  /** The answer to one query message; a malformed or unsupported one gets FORMERR or NOTIMP. */
  public Message answer(Message query, CacheView view) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    Record question = query.getQuestion();
    if (question == null || query.getHeader().getOpcode() != Opcode.QUERY) {
      response.getHeader().setRcode(question == null ? Rcode.FORMERR : Rcode.NOTIMP);
      return response;
    }
    response.addRecord(question, Section.QUESTION);
    Name name = question.getName();
    int type = question.getType();
    List<Record> records;
    try {
      records = records(toLowerCase(name), view);
    } catch (TextParseException | UnknownHostException e) {
      records = null;
    }
    if (records == null) {
      response.getHeader().setRcode(Rcode.NXDOMAIN);
      if (name.subdomain(domain)) {
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(soa, Section.AUTHORITY);
      }
      return response;
    }
    response.getHeader().setFlag(Flags.AA);
    boolean any = false;
    for (Record record : records) {
      if (record.getType() == type || type == Type.ANY || record.getType() == Type.CNAME) {
        response.addRecord(record.withName(name), Section.ANSWER);
        any = true;
      }
    }
    if (!any) {
      response.addRecord(soa, Section.AUTHORITY);
    }
    return response;
  }

  /** Every record the name has (of any type), or null when the name does not exist. */
  private List<Record> records(Name name, CacheView view) throws TextParseException, UnknownHostException {
    if (name.subdomain(serviceZone) && !name.equals(serviceZone)) {
      return serviceRecords(name, relative(name, serviceZone), view);
    }
    if (name.subdomain(podZone) && !name.equals(podZone)) {
      String[] labels = relative(name, podZone);
      if (labels.length == 2 && labels[0].matches("\\d{1,3}(-\\d{1,3}){3}")) {
        String ip = labels[0].replace('-', '.');
        return List.of(new ARecord(name, DClass.IN, TTL, InetAddress.getByName(ip)));
      }
      return null;
    }
    if (name.equals(domain) || name.equals(serviceZone) || name.equals(podZone)) {
      return List.of(soa);
    }
    if (name.subdomain(REVERSE_ZONE)) {
      return reverseRecords(name, view);
    }
    return null;
  }

  private static final Name REVERSE_ZONE = Name.fromConstantString("in-addr.arpa.");

  /**
   * PTR records, as CoreDNS's kubernetes plugin serves {@code in-addr.arpa}: a cluster IP names its
   * Service ({@code web.default.svc.cluster.local}); an endpoint's address names it under its
   * Service ({@code 10-244-1-5.web.default.svc.cluster.local}, or its hostname). Any other address
   * is NXDOMAIN. Scans the cache: reverse lookups are rare.
   */
  private List<Record> reverseRecords(Name name, CacheView view) throws TextParseException {
    String[] labels = relative(name, REVERSE_ZONE);
    if (labels.length != 4) {
      return null;
    }
    String ip = labels[3] + "." + labels[2] + "." + labels[1] + "." + labels[0];
    List<Record> records = new ArrayList<>();
    for (io.coxswain.api.KubeObject object : view.list("services", null, null, 0, o -> true).items()) {
      Service service = (Service) object;
      if (ip.equals(service.spec().clusterIP())) {
        records.add(new PTRRecord(name, DClass.IN, TTL, Name.fromString(service.metadata().name() + "."
            + service.metadata().namespace(), serviceZone)));
      }
    }
    for (io.coxswain.api.KubeObject object : view.list("endpoints", null, null, 0, o -> true).items()) {
      Endpoints endpoints = (Endpoints) object;
      for (EndpointAddress address : readyAddresses(endpoints)) {
        if (ip.equals(address.ip())) {
          records.add(new PTRRecord(name, DClass.IN, TTL, Name.fromString(endpointName(address) + "."
              + endpoints.metadata().name() + "." + endpoints.metadata().namespace(), serviceZone)));
        }
      }
    }
    return records.isEmpty() ? null : records;
  }

  /** Labels of {@code name} below {@code zone}, outermost last: {@code [svc, ns]} for svc.ns.svc.cluster.local. */
  private static String[] relative(Name name, Name zone) {
    int count = name.labels() - zone.labels();
    String[] labels = new String[count];
    for (int i = 0; i < count; i++) {
      labels[i] = name.getLabelString(i);
    }
    return labels;
  }

  private List<Record> serviceRecords(Name name, String[] labels, CacheView view)
      throws TextParseException, UnknownHostException {
    if (labels.length == 1) {
      // <ns>.svc.<domain>: exists when the namespace does (no records of its own)
      return view.get(ResourceKey.clusterScoped("namespaces", labels[0])) != null ? List.of() : null;
    }
    String namespace = labels[labels.length - 1];
    String serviceName = labels[labels.length - 2];
    Service service = view.get(new ResourceKey("services", namespace, serviceName)) instanceof Service s ? s : null;
    if (service == null) {
      return null;
    }
    Endpoints endpoints = view.get(new ResourceKey("endpoints", namespace, serviceName)) instanceof Endpoints e
        ? e : null;
    Name serviceFqdn = Name.fromString(serviceName + "." + namespace, serviceZone);
    if (labels.length == 2) {
      return addressRecords(name, service, endpoints);
    }
    if (labels.length == 4 && labels[0].startsWith("_") && labels[1].startsWith("_")) {
      return srvRecords(name, serviceFqdn, service, endpoints, labels[0].substring(1), labels[1].substring(1));
    }
    if (labels.length == 3 && headless(service) && endpoints != null) {
      List<Record> records = new ArrayList<>();
      for (EndpointAddress address : readyAddresses(endpoints)) {
        if (labels[0].equalsIgnoreCase(endpointName(address))) {
          records.add(new ARecord(name, DClass.IN, TTL, InetAddress.getByName(address.ip())));
        }
      }
      return records.isEmpty() ? null : records;
    }
    return null;
  }

  private static List<Record> addressRecords(Name name, Service service, Endpoints endpoints)
      throws TextParseException, UnknownHostException {
    if ("ExternalName".equals(service.spec().type())) {
      String target = service.spec().externalName();
      return target == null || target.isEmpty() ? List.of()
          : List.of(new CNAMERecord(name, DClass.IN, TTL, Name.fromString(target, Name.root)));
    }
    List<Record> records = new ArrayList<>();
    if (headless(service)) {
      Set<String> ips = new LinkedHashSet<>();
      if (endpoints != null) {
        readyAddresses(endpoints).forEach(a -> ips.add(a.ip()));
      }
      for (String ip : ips) {
        records.add(new ARecord(name, DClass.IN, TTL, InetAddress.getByName(ip)));
      }
    } else if (service.spec().clusterIP() != null && !service.spec().clusterIP().isEmpty()) {
      records.add(new ARecord(name, DClass.IN, TTL, InetAddress.getByName(service.spec().clusterIP())));
    }
    return records;
  }

  private static List<Record> srvRecords(Name name, Name serviceFqdn, Service service, Endpoints endpoints,
      String portName, String protocol) throws TextParseException {
    List<Record> records = new ArrayList<>();
    for (ServicePort port : service.spec().ports()) {
      String proto = port.protocol() == null ? "tcp" : port.protocol().toLowerCase(Locale.ROOT);
      if (port.name() == null || !port.name().equalsIgnoreCase(portName) || !proto.equals(protocol)) {
        continue;
      }
      if (!headless(service)) {
        records.add(new SRVRecord(name, DClass.IN, TTL, 0, 100, port.port(), serviceFqdn));
        continue;
      }
      if (endpoints == null) {
        continue;
      }
      for (EndpointSubset subset : endpoints.subsets()) {
        for (EndpointPort endpointPort : subset.ports()) {
          if (!portName.equalsIgnoreCase(endpointPort.name())) {
            continue;
          }
          for (EndpointAddress address : subset.addresses()) {
            records.add(new SRVRecord(name, DClass.IN, TTL, 0, 100, endpointPort.port(),
                Name.fromString(endpointName(address), serviceFqdn)));
          }
        }
      }
    }
    return records.isEmpty() ? null : records;
  }

  /**
   * The label an endpoint of a headless Service answers to: its hostname, or its address with
   * dashes (1-2-3-4) when it has none, as CoreDNS names it; SRV targets use the same label, so
   * each one resolves.
   */
  private static String endpointName(EndpointAddress address) {
    return address.hostname() != null && !address.hostname().isEmpty() ? address.hostname()
        : address.ip().replace('.', '-');
  }

  private static boolean headless(Service service) {
    return "None".equals(service.spec().clusterIP());
  }

  private static List<EndpointAddress> readyAddresses(Endpoints endpoints) {
    List<EndpointAddress> addresses = new ArrayList<>();
    endpoints.subsets().forEach(s -> addresses.addAll(s.addresses()));
    return addresses;
  }

  private static Name toLowerCase(Name name) throws TextParseException {
    return Name.fromString(name.toString().toLowerCase(Locale.ROOT));
  }
}
