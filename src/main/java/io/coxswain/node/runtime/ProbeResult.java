package io.coxswain.node.runtime;

/**
 * How one probe or lifecycle handler run ended: success, or failure with the kubelet's words for
 * it ({@code HTTP probe failed with statuscode: 404}, {@code dial tcp 10.244.1.5:80: connect:
 * connection refused}, an exec command's output), which the Unhealthy event carries after
 * {@code "Readiness probe failed: "}.
 */
public record ProbeResult(boolean success, String output) {
  public static final ProbeResult SUCCESS = new ProbeResult(true, "");

  public ProbeResult {
    output = output == null ? "" : output;
  }

  public static ProbeResult failure(String output) {
    return new ProbeResult(false, output);
  }
}
