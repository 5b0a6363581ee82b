package io.coxswain.scheduler;

import io.coxswain.api.Quantity;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.Pod;
import java.util.Map;

/** What a pod asks of a node: summed container requests (cpu in millicores, memory in bytes). */
record Requests(long milliCpu, long memoryBytes) {
  static final Requests NONE = new Requests(0, 0);

  static Requests of(Pod pod) {
    long cpu = 0;
    long memory = 0;
    for (Container container : pod.spec().containers()) {
      Map<String, Quantity> requests = container.resources() == null ? Map.of() : container.resources().requests();
      if (requests.containsKey("cpu")) {
        cpu = saturatedAdd(cpu, requests.get("cpu").milliValue());
      }
      if (requests.containsKey("memory")) {
        memory = saturatedAdd(memory, requests.get("memory").value());
      }
    }
    return new Requests(cpu, memory);
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
