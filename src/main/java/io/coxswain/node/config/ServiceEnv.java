package io.coxswain.node.config;

import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServicePort;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The variables a kubelet gives a container for the Services that exist when it starts
 * (getServiceEnvVarMap): for each Service of the pod's namespace with a cluster IP, and always for
 * {@code kubernetes} in {@code default}, the name upper-cased with {@code -} as {@code _}:
 * <pre>
 *   WEB_SERVICE_HOST=10.96.0.10            WEB_PORT=tcp://10.96.0.10:80
 *   WEB_SERVICE_PORT=80  (the first port)  WEB_PORT_80_TCP=tcp://10.96.0.10:80
 *   WEB_SERVICE_PORT_HTTP=80  (named ports) WEB_PORT_80_TCP_PROTO=tcp, _PORT=80, _ADDR=10.96.0.10
 * </pre>
 * With {@code enableServiceLinks: false} only the {@code kubernetes} Service's are given. Headless
 * and ExternalName Services give none. The container's own {@code env} and {@code envFrom} win over
 * these, and may refer to them as {@code $(WEB_SERVICE_HOST)}.
 */
public final class ServiceEnv {
  private ServiceEnv() {}

  /**
   * @param namespaceServices the pod's namespace's Services
   * @param master            the {@code kubernetes} Service of {@code default}, or null
   */
  public static Map<String, String> of(String namespace, boolean serviceLinks, List<Service> namespaceServices,
      Service master) {
    Map<String, Service> byName = new LinkedHashMap<>();
    if (serviceLinks) {
      namespaceServices.stream().sorted(Comparator.comparing(s -> s.metadata().name()))
          .forEach(s -> byName.put(s.metadata().name(), s));
    }
    if (master != null && (!"default".equals(namespace) || !byName.containsKey(master.metadata().name()))) {
      byName.put(master.metadata().name(), master);
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (Service service : byName.values()) {
      String ip = service.spec().clusterIP();
      if (ip == null || ip.isEmpty() || "None".equals(ip) || service.spec().ports().isEmpty()) {
        continue;
      }
      String name = variable(service.metadata().name());
      List<ServicePort> ports = service.spec().ports();
      env.put(name + "_SERVICE_HOST", ip);
      env.put(name + "_SERVICE_PORT", String.valueOf(ports.get(0).port()));
      for (ServicePort port : ports) {
        if (port.name() != null && !port.name().isEmpty()) {
          env.put(name + "_SERVICE_PORT_" + variable(port.name()), String.valueOf(port.port()));
        }
      }
      ServicePort first = ports.get(0);
      env.put(name + "_PORT", protocol(first) + "://" + ip + ":" + first.port());
      for (ServicePort port : ports) {
        String prefix = name + "_PORT_" + port.port() + "_" + protocol(port).toUpperCase(Locale.ROOT);
        env.put(prefix, protocol(port) + "://" + ip + ":" + port.port());
        env.put(prefix + "_PROTO", protocol(port));
        env.put(prefix + "_PORT", String.valueOf(port.port()));
        env.put(prefix + "_ADDR", ip);
      }
    }
    return env;
  }

  private static String protocol(ServicePort port) {
    return (port.protocol() == null ? "TCP" : port.protocol()).toLowerCase(Locale.ROOT);
  }

  private static String variable(String name) {
    return name.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
