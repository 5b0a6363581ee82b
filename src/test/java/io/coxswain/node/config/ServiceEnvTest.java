package io.coxswain.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.Json;
import io.coxswain.api.core.ConfigMap;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Secret;
import io.coxswain.api.core.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Service variables a kubelet gives a container, with Kubernetes' names and precedence. */
class ServiceEnvTest {
  private static Service service(String namespace, String name, String clusterIp, String ports) {
    return Json.decode(("{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + namespace + "\"},"
        + "\"spec\":{\"clusterIP\":\"" + clusterIp + "\",\"ports\":" + ports + "}}").getBytes(), "application/json",
        Service.class);
  }

  private static final Service REDIS = service("team", "redis-leader", "10.96.0.20",
      "[{\"name\":\"redis\",\"port\":6379,\"targetPort\":6379},{\"name\":\"metrics\",\"port\":9121,\"protocol\":\"UDP\"}]");
  private static final Service HEADLESS = service("team", "db", "None", "[{\"port\":5432}]");
  private static final Service MASTER = service("default", "kubernetes", "10.96.0.1", "[{\"name\":\"https\",\"port\":443}]");

  private static final ConfigLookup LOOKUP = new ConfigLookup() {
    @Override
    public ConfigMap configMap(String namespace, String name) {
      return null;
    }

    @Override
    public Secret secret(String namespace, String name) {
      return null;
    }

    @Override
    public List<Service> services(String namespace) {
      return "team".equals(namespace) ? List.of(REDIS, HEADLESS) : List.of(MASTER);
    }
  };

  @Test
  void everyServiceOfTheNamespaceGivesItsVariables() {
    Map<String, String> env = ServiceEnv.of("team", true, List.of(REDIS, HEADLESS), MASTER);
    assertThat(env).containsEntry("REDIS_LEADER_SERVICE_HOST", "10.96.0.20")
        .containsEntry("REDIS_LEADER_SERVICE_PORT", "6379")
        .containsEntry("REDIS_LEADER_SERVICE_PORT_REDIS", "6379")
        .containsEntry("REDIS_LEADER_SERVICE_PORT_METRICS", "9121")
        .containsEntry("REDIS_LEADER_PORT", "tcp://10.96.0.20:6379")
        .containsEntry("REDIS_LEADER_PORT_6379_TCP", "tcp://10.96.0.20:6379")
        .containsEntry("REDIS_LEADER_PORT_6379_TCP_PROTO", "tcp")
        .containsEntry("REDIS_LEADER_PORT_6379_TCP_PORT", "6379")
        .containsEntry("REDIS_LEADER_PORT_6379_TCP_ADDR", "10.96.0.20")
        .containsEntry("REDIS_LEADER_PORT_9121_UDP", "udp://10.96.0.20:9121")
        .containsEntry("KUBERNETES_SERVICE_HOST", "10.96.0.1")
        .containsEntry("KUBERNETES_SERVICE_PORT_HTTPS", "443");
    assertThat(env.keySet()).noneMatch(k -> k.startsWith("DB_"));
  }

  @Test
  void withoutServiceLinksOnlyTheMasterService() {
    Map<String, String> env = ServiceEnv.of("team", false, List.of(REDIS), MASTER);
    assertThat(env.keySet()).allMatch(k -> k.startsWith("KUBERNETES_")).isNotEmpty();
  }

  @Test
  void theContainersOwnEnvWinsAndMayReferToThem() {
    Pod pod = Json.decode(("""
        {"kind":"Pod","metadata":{"name":"web-1","namespace":"team","uid":"u-1"},
         "spec":{"nodeName":"n1","containers":[{"name":"c","image":"x","env":[
           {"name":"REDIS_LEADER_SERVICE_PORT","value":"1"},
           {"name":"REDIS_URL","value":"redis://$(REDIS_LEADER_SERVICE_HOST):$(REDIS_LEADER_SERVICE_PORT_REDIS)"}]}]}}
        """).getBytes(), "application/json", Pod.class);
    Map<String, String> env = EnvResolver.resolve(pod, pod.spec().containers().get(0), EnvResolverTest.ADDRESSES,
        Map.of(), LOOKUP).env();
    assertThat(env).containsEntry("REDIS_LEADER_SERVICE_PORT", "1")
        .containsEntry("REDIS_URL", "redis://10.96.0.20:6379")
        .containsEntry("KUBERNETES_SERVICE_HOST", "10.96.0.1");
  }
}
