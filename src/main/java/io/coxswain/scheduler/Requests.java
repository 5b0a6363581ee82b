package io.coxswain.scheduler;

import io.coxswain.api.Quantity;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.Pod;
import java.util.Map;

/**
 * What a pod asks of a node (cpu in millicores, memory in bytes), computed as Kubernetes computes a
 * pod's effective request: the app containers' requests summed with the sidecars' (init
 * containers with restartPolicy Always, which keep running), or, when more, what the init phase
 * needs at its peak (each regular init container runs alone beside the sidecars started before
 * it). Pod-level {@code spec.resources.requests}, when set, take the place of the containers'.
 */
record Requests(long milliCpu, long memoryBytes) {
  static final Requests NONE = new Requests(0, 0);

  static Requests of(Pod pod) {
    Map<String, Quantity> podLevel = pod.spec().resources() == null ? Map.of() : pod.spec().resources().requests();
    long cpu = podLevel.containsKey("cpu") ? podLevel.get("cpu").milliValue() : effective(pod, "cpu");
    long memory = podLevel.containsKey("memory") ? podLevel.get("memory").value() : effective(pod, "memory");
    return new Requests(cpu, memory);
  }

  private static long effective(Pod pod, String resource) {
    long sidecars = 0;
    long initPeak = 0;
    for (Container init : pod.spec().initContainers()) {
      long request = request(init, resource);
      if ("Always".equals(init.restartPolicy())) {
        sidecars = saturatedAdd(sidecars, request);
        initPeak = Math.max(initPeak, sidecars);
      } else {
        initPeak = Math.max(initPeak, saturatedAdd(sidecars, request));
      }
    }
    long apps = sidecars;
    for (Container container : pod.spec().containers()) {
      apps = saturatedAdd(apps, request(container, resource));
    }
    return Math.max(apps, initPeak);
  }

  private static long request(Container container, String resource) {
    Map<String, Quantity> requests = container.resources() == null ? Map.of() : container.resources().requests();
    Quantity quantity = requests.get(resource);
    if (quantity == null) {
      return 0;
    }
    return "cpu".equals(resource) ? quantity.milliValue() : quantity.value();
  }

  Requests plus(Requests other) {
    return new Requests(saturatedAdd(milliCpu, other.milliCpu), saturatedAdd(memoryBytes, other.memoryBytes));
  }

  /** A sum that stops at Long.MAX_VALUE: a huge request makes a pod fit nowhere, never overflow. */
  static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
  }
}
