package io.coxswain.testing;

/** The JSON of a small pod (one busybox container) for tests that only need pods to exist. */
public final class PodJson {
  private PodJson() {}

  /** A pod named {@code name} in the request's namespace, labelled {@code app=<app>}. */
  public static String labelled(String name, String app) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"" + app
        + "\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}";
  }
}
