package io.coxswain.apiserver.limits;

/**
 * The limits' gauges and counters in the Prometheus text format, under Kubernetes' names where
 * Kubernetes has one ({@code apiserver_current_inflight_requests}, {@code apiserver_longrunning_requests}).
 */
public final class LimitMetrics {
  private LimitMetrics() {}

  /** The {@code /metrics} document for these limits. */
  public static String text(InFlight inFlight, BodyBudget bodies, Connections connections, long rejected) {
    Connections.Counts counts = connections.counts();
    StringBuilder out = new StringBuilder();
    gauge(out, "apiserver_current_inflight_requests", "Requests being served, by kind (long-running apart).");
    out.append("apiserver_current_inflight_requests{request_kind=\"readOnly\"} ")
        .append(inFlight.inUse(InFlight.Kind.READ_ONLY)).append('\n');
    out.append("apiserver_current_inflight_requests{request_kind=\"mutating\"} ")
        .append(inFlight.inUse(InFlight.Kind.MUTATING)).append('\n');
    gauge(out, "apiserver_longrunning_requests", "Watches and followed logs open now.");
    out.append("apiserver_longrunning_requests ").append(inFlight.inUse(InFlight.Kind.LONG_RUNNING)).append('\n');
    gauge(out, "coxswain_request_body_bytes", "Bytes of request bodies held in memory now.");
    out.append("coxswain_request_body_bytes ").append(bodies.used()).append('\n');
    gauge(out, "coxswain_open_connections", "Open client connections.");
    out.append("coxswain_open_connections ").append(counts.open()).append('\n');
    counter(out, "coxswain_connections_closed_total", "Connections the server closed, by why.");
    out.append("coxswain_connections_closed_total{reason=\"refused\"} ").append(counts.refused()).append('\n');
    out.append("coxswain_connections_closed_total{reason=\"evicted\"} ").append(counts.evicted()).append('\n');
    out.append("coxswain_connections_closed_total{reason=\"timeout\"} ").append(counts.timedOut()).append('\n');
    counter(out, "apiserver_dropped_requests_total", "Requests answered 429 by the limits.");
    out.append("apiserver_dropped_requests_total ").append(rejected).append('\n');
    return out.toString();
  }

  private static void gauge(StringBuilder out, String name, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" gauge\n");
  }

  private static void counter(StringBuilder out, String name, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" counter\n");
  }
}
