package io.coxswain.bench;

import io.coxswain.api.Defaulting;
import io.coxswain.api.Json;
import io.coxswain.api.KubeObject;
import io.coxswain.api.core.Pod;
import io.coxswain.api.validation.Validation;
import io.coxswain.store.Change;
import io.coxswain.store.ChangeType;
import io.coxswain.store.StoreEvent;
import io.coxswain.store.StoreSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * The CPU of one create's pure steps, without HTTP, actors or the journal's database: decode the
 * body, default, validate, encode the answer, serialize for the journal. One thread, repeated
 * rounds, median per step: precise enough to compare two versions of the code, which the
 * end-to-end API benchmark on a shared two-core machine is not.
 *
 * <pre>
 *   bin/bench create-path [--ops 2000] [--rounds 51]
 * </pre>
 */
public final class CreatePathBenchmark {
  public static void main(String[] args) {
    Map<String, String> options = BenchOptions.parse(args);
    int ops = Integer.parseInt(options.getOrDefault("ops", "2000"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "51"));
    Clock clock = Clock.systemUTC();
    Random random = new Random(1);
    byte[][] bodies = new byte[ops][];
    for (int i = 0; i < ops; i++) {
      bodies[i] = ApiBenchmark.pod("pod-" + i, "bench").getBytes(StandardCharsets.UTF_8);
    }
    KubeObject[] decoded = new KubeObject[ops];
    KubeObject[] prepared = new KubeObject[ops];
    StoreSerializer serializer = new StoreSerializer();
    long[] sink = new long[1];

    List<Step> steps = List.of(
        new Step("decode", i -> decoded[i] = Json.decode(bodies[i], "application/json", Pod.class)),
        new Step("defaults", i -> prepared[i] = Defaulting.applyCreateDefaults(decoded[i], "default", clock, random)),
        new Step("validate", i -> sink[0] += Validation.validateCreate(prepared[i]).size()),
        new Step("encode", i -> sink[0] += Json.encode(prepared[i], false).length),
        new Step("journal (batches of 8)", i -> {
          if (i % 8 == 0) {
            List<Change> changes = new ArrayList<>(8);
            for (int j = i; j < Math.min(i + 8, ops); j++) {
              changes.add(new Change(j + 1, ChangeType.ADDED, StoreSerializer.keyOf(prepared[j]), prepared[j]));
            }
            sink[0] += serializer.toBinary(new StoreEvent.Committed(changes)).length;
          }
        }));
    // Warm-up: every step as many times as it will be measured, so the JIT has compiled them all.
    for (int r = 0; r < rounds; r++) {
      for (Step step : steps) {
        for (int i = 0; i < ops; i++) {
          step.body().accept(i);
        }
      }
    }
    System.out.printf("create path, single thread: %,d ops per round, %d rounds after as many warm-up rounds "
        + "(median us per op)%n", ops, rounds);
    double total = 0;
    for (Step step : steps) {
      double[] perOp = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < ops; i++) {
          step.body().accept(i);
        }
        perOp[r] = (System.nanoTime() - t0) / 1e3 / ops;
      }
      Arrays.sort(perOp);
      double median = perOp[rounds / 2];
      total += median;
      System.out.printf("  %-24s %6.2f us (min %.2f, max %.2f)%n", step.name(), median, perOp[0], perOp[rounds - 1]);
    }
    System.out.printf("  %-24s %6.2f us%s%n", "total", total, sink[0] == 42 ? "." : "");
  }

  private record Step(String name, IntConsumer body) {}
}
