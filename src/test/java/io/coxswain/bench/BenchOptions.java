package io.coxswain.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs of the benchmark mains. */
final class BenchOptions {
  private BenchOptions() {}

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }
}
