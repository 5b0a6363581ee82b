package io.coxswain.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs Debian's {@code wrk} (with {@code --latency}) and reads its report. */
final class Wrk {
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  /**
   * One run's report: requests per second, latency percentiles in milliseconds, and the requests
   * that failed (non-2xx/3xx answers plus socket errors).
   */
  record Result(double rate, double p50, double p90, double p99, long errors) {}

  private Wrk() {}

  /**
   * @param options   wrk's options before the URL ({@code -t2 -c8 -s script.lua}); the duration and
   *                  {@code --latency} are added
   * @param arguments arguments after {@code --} for the script, or none
   * @throws IllegalStateException when wrk fails, runs a minute over, or prints no report
   */
  static Result run(String url, int seconds, List<String> options, List<String> arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("wrk", "-d" + seconds + "s", "--latency"));
    command.addAll(options);
    command.add(url);
    if (!arguments.isEmpty()) {
      command.add("--");
      command.addAll(arguments);
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("wrk failed:\n" + out);
    }
    Matcher rate = RATE.matcher(out);
    if (!rate.find()) {
      throw new IllegalStateException("no rate in wrk output:\n" + out);
    }
    long errors = 0;
    Matcher non2xx = NON_2XX.matcher(out);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    Matcher socket = SOCKET_ERRORS.matcher(out);
    if (socket.find()) {
      for (int g = 1; g <= 4; g++) {
        errors += Long.parseLong(socket.group(g));
      }
    }
    return new Result(Double.parseDouble(rate.group(1)), percentile(out, "50%"), percentile(out, "90%"),
        percentile(out, "99%"), errors);
  }

  /** A latency percentile from wrk's distribution, in milliseconds. */
  private static double percentile(String out, String label) {
    Matcher m = Pattern.compile("\\s" + Pattern.quote(label) + "\\s+([\\d.]+)(us|ms|s)\\b").matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no " + label + " in wrk output:\n" + out);
    }
    double value = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> value / 1000;
      case "s" -> value * 1000;
      default -> value;
    };
  }
}
