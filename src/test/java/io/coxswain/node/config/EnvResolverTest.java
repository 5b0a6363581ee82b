package io.coxswain.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.api.Json;
import io.coxswain.api.Quantity;
import io.coxswain.api.core.ConfigMap;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A container's environment as a kubelet makes it, with Kubernetes' errors for what is missing. */
class EnvResolverTest {
  static final ConfigLookup LOOKUP = new ConfigLookup() {
    @Override
    public ConfigMap configMap(String namespace, String name) {
      return "settings".equals(name) && "team".equals(namespace)
          ? Json.decode(("{\"metadata\":{\"name\":\"settings\"},\"data\":{\"MODE\":\"fast\",\"bad=key\":\"x\","
              + "\"LEVEL\":\"3\"},\"binaryData\":{\"blob\":\"aGk=\"}}").getBytes(), "application/json", ConfigMap.class)
          : null;
    }

    @Override
    public Secret secret(String namespace, String name) {
      return "db".equals(name)
          ? Json.decode("{\"metadata\":{\"name\":\"db\"},\"data\":{\"password\":\"czNjcjN0\"}}".getBytes(),
              "application/json", Secret.class).normalized()
          : null;
    }
  };

  static final DownwardApi.Addresses ADDRESSES = new DownwardApi.Addresses("10.244.1.7", "192.168.0.2");

  static Pod pod(String containerFields) {
    return Json.decode(("""
        {"kind":"Pod","metadata":{"name":"web-1","namespace":"team","uid":"u-1","labels":{"app":"web"}},
         "spec":{"nodeName":"n1","serviceAccountName":"builder","containers":[{"name":"c","image":"x",
           "resources":{"limits":{"memory":"128Mi"},"requests":{"cpu":"250m"}},%s}]}}""")
        .formatted(containerFields).getBytes(StandardCharsets.UTF_8), "application/json", Pod.class);
  }

  private static EnvResolver.Result resolve(String containerFields) {
    Pod pod = pod(containerFields);
    return EnvResolver.resolve(pod, pod.spec().containers().get(0), ADDRESSES,
        Map.of("cpu", Quantity.parse("4"), "memory", Quantity.parse("8Gi")), LOOKUP);
  }

  @Test
  void envFromThenEnvInOrderWithExpansion() {
    EnvResolver.Result r = resolve("""
        "envFrom":[{"configMapRef":{"name":"settings"}},{"prefix":"DB_","secretRef":{"name":"db"}}],
        "env":[{"name":"MODE","value":"slow"},{"name":"URL","value":"postgres://$(DB_password)@db/$(MODE)?x=$$y&z=$(NOPE)"},
          {"name":"POD","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},
          {"name":"APP","valueFrom":{"fieldRef":{"fieldPath":"metadata.labels['app']"}}},
          {"name":"IP","valueFrom":{"fieldRef":{"fieldPath":"status.podIP"}}},
          {"name":"HOST","valueFrom":{"fieldRef":{"fieldPath":"status.hostIP"}}},
          {"name":"NODE","valueFrom":{"fieldRef":{"fieldPath":"spec.nodeName"}}},
          {"name":"SA","valueFrom":{"fieldRef":{"fieldPath":"spec.serviceAccountName"}}},
          {"name":"MEM_MI","valueFrom":{"resourceFieldRef":{"resource":"limits.memory","divisor":"1Mi"}}},
          {"name":"CPU_LIMIT","valueFrom":{"resourceFieldRef":{"resource":"limits.cpu"}}},
          {"name":"CPU_REQ_M","valueFrom":{"resourceFieldRef":{"resource":"requests.cpu","divisor":"1m"}}},
          {"name":"LEVEL","valueFrom":{"configMapKeyRef":{"name":"settings","key":"LEVEL"}}},
          {"name":"BLOB","valueFrom":{"configMapKeyRef":{"name":"settings","key":"blob"}}},
          {"name":"PW","valueFrom":{"secretKeyRef":{"name":"db","key":"password"}}},
          {"name":"GONE","valueFrom":{"secretKeyRef":{"name":"nope","key":"k","optional":true}}}]""");
    assertThat(r.env()).containsExactly(
        Map.entry("LEVEL", "3"), Map.entry("MODE", "slow"), Map.entry("DB_password", "s3cr3t"),
        Map.entry("URL", "postgres://s3cr3t@db/slow?x=$y&z=$(NOPE)"), Map.entry("POD", "web-1"),
        Map.entry("APP", "web"), Map.entry("IP", "10.244.1.7"), Map.entry("HOST", "192.168.0.2"),
        Map.entry("NODE", "n1"), Map.entry("SA", "builder"), Map.entry("MEM_MI", "128"),
        Map.entry("CPU_LIMIT", "4"), Map.entry("CPU_REQ_M", "250"), Map.entry("BLOB", "hi"),
        Map.entry("PW", "s3cr3t"));
    assertThat(r.invalidNames()).containsExactly("bad=key");
  }

  @Test
  void missingReferencesFailInKubernetesWords() {
    assertThatThrownBy(() -> resolve("\"envFrom\":[{\"configMapRef\":{\"name\":\"absent\"}}]"))
        .isInstanceOf(ConfigError.class).hasMessage("configmap \"absent\" not found");
    assertThatThrownBy(() -> resolve("\"env\":[{\"name\":\"X\",\"valueFrom\":{\"configMapKeyRef\":"
        + "{\"name\":\"settings\",\"key\":\"NOPE\"}}}]"))
        .hasMessage("couldn't find key NOPE in ConfigMap team/settings");
    assertThatThrownBy(() -> resolve("\"env\":[{\"name\":\"X\",\"valueFrom\":{\"secretKeyRef\":"
        + "{\"name\":\"absent\",\"key\":\"k\"}}}]")).hasMessage("secret \"absent\" not found");
    assertThatThrownBy(() -> resolve("\"env\":[{\"name\":\"X\",\"valueFrom\":{\"secretKeyRef\":"
        + "{\"name\":\"db\",\"key\":\"user\"}}}]")).hasMessage("couldn't find key user in Secret team/db");
    assertThat(resolve("\"envFrom\":[{\"configMapRef\":{\"name\":\"absent\",\"optional\":true}}]").env()).isEmpty();
  }

  @Test
  void commandsExpandFromTheEnvironment() {
    assertThat(EnvResolver.expandAll(java.util.List.of("echo", "$(A)-$(B)", "$$(A)"), Map.of("A", "1")))
        .containsExactly("echo", "1-$(B)", "$(A)");
  }
}
