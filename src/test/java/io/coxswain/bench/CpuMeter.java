package io.coxswain.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU used over an interval (Linux /proc): the whole machine, the Docker daemon with containerd,
 * and this JVM. Read-only; where /proc is not readable the figures are absent.
 */
final class CpuMeter {
  private static final double TICK_SECONDS = 0.01; // USER_HZ is 100 on Linux

  record Reading(long wallNanos, long machineBusyTicks, long machineTotalTicks, long daemonTicks, long jvmNanos) {}

  record Usage(double wallSeconds, double machineBusyCores, double daemonSeconds, double jvmSeconds) {
    @Override
    public String toString() {
      return String.format("machine busy %.2f of %d cores on average, dockerd+containerd %.1f s CPU, this JVM %.1f s "
              + "CPU, over %.1f s", machineBusyCores, Runtime.getRuntime().availableProcessors(), daemonSeconds,
          jvmSeconds, wallSeconds);
    }
  }

  private CpuMeter() {}

  static Reading read() {
    long busy = 0;
    long total = 0;
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      // cpu user nice system idle iowait irq softirq steal ...
      for (int i = 1; i < cpu.length && i <= 8; i++) {
        long v = Long.parseLong(cpu[i]);
        total += v;
        if (i != 4 && i != 5) {
          busy += v;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no machine figure
    }
    long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    return new Reading(System.nanoTime(), busy, total, daemonTicks(), jvm);
  }

  static Usage between(Reading a, Reading b) {
    double wall = (b.wallNanos() - a.wallNanos()) / 1e9;
    long total = b.machineTotalTicks() - a.machineTotalTicks();
    double busyShare = total <= 0 ? 0 : (double) (b.machineBusyTicks() - a.machineBusyTicks()) / total;
    return new Usage(wall, busyShare * Runtime.getRuntime().availableProcessors(),
        (b.daemonTicks() - a.daemonTicks()) * TICK_SECONDS, (b.jvmNanos() - a.jvmNanos()) / 1e9);
  }

  /** utime+stime of every dockerd and containerd process (not the per-container shims). */
  private static long daemonTicks() {
    long ticks = 0;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
        try {
          String comm = Files.readString(proc.resolve("comm")).trim();
          if (!List.of("dockerd", "containerd").contains(comm)) {
            continue;
          }
          String stat = Files.readString(proc.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (IOException | RuntimeException gone) {
          // the process ended meanwhile
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return ticks;
  }
}
