package io.coxswain.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU used over an interval (Linux /proc, read-only): the whole machine; the Docker daemon with
 * containerd; this JVM, by thread group (what no live thread accounts for is GC, JIT and threads
 * that ended); and every other user-space process that is neither this JVM nor part of Docker
 * (shims, runc, container processes) — on a shared machine, the load that is not ours. Other
 * processes are sampled every second while the meter runs, so one that ends meanwhile still
 * counts (but for its last second).
 */
final class CpuMeter {
  private static final double TICK_SECONDS = 0.01; // USER_HZ is 100 on Linux
  private static final Set<String> DAEMON = Set.of("dockerd", "containerd");
  private static final Set<String> DOCKER_SIDE = Set.of("containerd-shim", "containerd-shi", "runc", "docker-proxy",
      "docker-init");

  /** A /proc/PID/stat (or task) line: command name, parent pid, and utime + stime in ticks. */
  private record ProcStat(String comm, long parentPid, long ticks) {
    static ProcStat parse(String stat) {
      // The name is in parentheses and may hold spaces; the numbered fields follow the last ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new ProcStat(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')), Long.parseLong(fields[1]),
          Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    }
  }

  /** One process's CPU ticks so far. */
  record Proc(String comm, long ticks) {}

  record Reading(long wallNanos, long machineBusyTicks, long machineTotalTicks, long daemonTicks, long jvmNanos,
                 Map<Long, Long> threadNanos, Map<Long, String> threadNames, Map<Long, Proc> others,
                 Map<String, Long> vmTicks) {}

  record Usage(double wallSeconds, double machineBusyCores, double daemonSeconds, double jvmSeconds,
               Map<String, Double> jvmByThreadGroup, double otherSeconds, Map<String, Double> otherByName,
               Map<String, Double> vmSeconds) {
    @Override
    public String toString() {
      return String.format("machine busy %.2f of %d cores on average, dockerd+containerd %.1f s CPU, this JVM %.1f s "
              + "CPU, other processes %.1f s CPU, over %.1f s", machineBusyCores,
          Runtime.getRuntime().availableProcessors(), daemonSeconds, jvmSeconds, otherSeconds, wallSeconds);
    }

    /** The largest thread groups, "name 1.2 s", then the rest. */
    String topThreads(int n) {
      double threads = jvmByThreadGroup.values().stream().mapToDouble(Double::doubleValue).sum();
      return top(jvmByThreadGroup, n) + String.format(", GC/JIT/ended threads %.1f s",
          Math.max(0, jvmSeconds - threads));
    }

    /** Other processes' CPU, by command name. */
    String topOthers(int n) {
      return otherByName.isEmpty() ? "none" : top(otherByName, n);
    }

    /** Whether load that is not the benchmark's averaged more than a tenth of a core. */
    boolean contaminated() {
      return wallSeconds > 0 && otherSeconds / wallSeconds > 0.1;
    }

    private static String top(Map<String, Double> sorted, int n) {
      StringBuilder out = new StringBuilder();
      double shown = 0;
      int i = 0;
      for (Map.Entry<String, Double> group : sorted.entrySet()) {
        if (i++ == n) {
          break;
        }
        out.append(i == 1 ? "" : ", ").append(group.getKey()).append(' ')
            .append(String.format("%.1f s", group.getValue()));
        shown += group.getValue();
      }
      double all = sorted.values().stream().mapToDouble(Double::doubleValue).sum();
      if (sorted.size() > n) {
        out.append(String.format(", rest %.1f s", all - shown));
      }
      return out.toString();
    }
  }

  private final Reading start;
  /** Other processes by pid: what the first sample saw (0 for those started later), and the latest. */
  private final Map<Long, Proc> first = new HashMap<>();
  private final Map<Long, Proc> latest = new HashMap<>();
  private final Thread sampler;
  private volatile boolean stopped;

  private CpuMeter() {
    this.start = read();
    first.putAll(start.others());
    latest.putAll(start.others());
    this.sampler = new Thread(() -> {
      while (!stopped) {
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        }
        Map<Long, Proc> now = new HashMap<>();
        scanProcesses(now);
        synchronized (this) {
          latest.putAll(now);
        }
      }
    }, "cpu-meter");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts measuring now. */
  static CpuMeter start() {
    return new CpuMeter();
  }

  /** Stops and answers the CPU used since {@link #start()}. */
  Usage stop() {
    stopped = true;
    sampler.interrupt();
    try {
      sampler.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Reading end = read();
    Map<Long, Proc> others;
    synchronized (this) {
      latest.putAll(end.others());
      others = new HashMap<>(latest);
    }
    return between(start, new Reading(end.wallNanos(), end.machineBusyTicks(), end.machineTotalTicks(),
        end.daemonTicks(), end.jvmNanos(), end.threadNanos(), end.threadNames(), others, end.vmTicks()), first);
  }

  private static Reading read() {
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
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<Long, Long> threadNanos = new HashMap<>();
    Map<Long, String> threadNames = new HashMap<>();
    if (mx.isThreadCpuTimeSupported()) {
      for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
        if (info == null) {
          continue;
        }
        long cpu = mx.getThreadCpuTime(info.getThreadId());
        if (cpu >= 0) {
          threadNanos.put(info.getThreadId(), cpu);
          threadNames.put(info.getThreadId(), info.getThreadName());
        }
      }
    }
    Map<Long, Proc> others = new HashMap<>();
    long daemon = scanProcesses(others);
    return new Reading(System.nanoTime(), busy, total, daemon, jvm, threadNanos, threadNames, others, vmThreadTicks());
  }

  private static Usage between(Reading a, Reading b, Map<Long, Proc> firstSeen) {
    double wall = (b.wallNanos() - a.wallNanos()) / 1e9;
    long total = b.machineTotalTicks() - a.machineTotalTicks();
    double busyShare = total <= 0 ? 0 : (double) (b.machineBusyTicks() - a.machineBusyTicks()) / total;
    Map<String, Double> groups = new HashMap<>();
    for (Map.Entry<Long, Long> thread : b.threadNanos().entrySet()) {
      long used = thread.getValue() - a.threadNanos().getOrDefault(thread.getKey(), 0L);
      String group = b.threadNames().get(thread.getKey()).replaceAll("[0-9]+", "#");
      groups.merge(group, used / 1e9, Double::sum);
    }
    // Processes that started during the interval count from zero; those that ended are missed.
    Map<String, Double> others = new HashMap<>();
    for (Map.Entry<Long, Proc> proc : b.others().entrySet()) {
      Proc before = firstSeen.get(proc.getKey());
      long used = proc.getValue().ticks() - (before == null ? 0 : before.ticks());
      if (used > 0) {
        others.merge(proc.getValue().comm(), used * TICK_SECONDS, Double::sum);
      }
    }
    return new Usage(wall, busyShare * Runtime.getRuntime().availableProcessors(),
        (b.daemonTicks() - a.daemonTicks()) * TICK_SECONDS, (b.jvmNanos() - a.jvmNanos()) / 1e9, sorted(groups),
        others.values().stream().mapToDouble(Double::doubleValue).sum(), sorted(others), vmDelta(a, b));
  }

  private static Map<String, Double> vmDelta(Reading a, Reading b) {
    Map<String, Double> delta = new LinkedHashMap<>();
    for (Map.Entry<String, Long> group : b.vmTicks().entrySet()) {
      delta.put(group.getKey(), (group.getValue() - a.vmTicks().getOrDefault(group.getKey(), 0L)) * TICK_SECONDS);
    }
    return delta;
  }

  /**
   * The JVM's own threads, which no ThreadMXBean reports: garbage collection (GC workers, G1's
   * concurrent and refinement threads, the VM thread that runs pauses) and the JIT compilers, by
   * their Linux thread names in /proc/self/task.
   */
  private static Map<String, Long> vmThreadTicks() {
    Map<String, Long> ticks = new LinkedHashMap<>();
    ticks.put("GC", 0L);
    ticks.put("JIT", 0L);
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          ProcStat parsed = ProcStat.parse(stat);
          String comm = parsed.comm();
          long used = parsed.ticks();
          if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            ticks.merge("JIT", used, Long::sum);
          } else if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.equals("VM Thread")) {
            ticks.merge("GC", used, Long::sum);
          }
        } catch (IOException | RuntimeException gone) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return ticks;
  }

  private static Map<String, Double> sorted(Map<String, Double> values) {
    Map<String, Double> sorted = new LinkedHashMap<>();
    values.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /**
   * Sums utime+stime of dockerd and containerd (returned) and collects every other user-space
   * process that is not this JVM and not Docker's (shims, runc, anything in a docker cgroup).
   */
  private static long scanProcesses(Map<Long, Proc> others) {
    long self = ProcessHandle.current().pid();
    long daemon = 0;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
        try {
          long pid = Long.parseLong(proc.getFileName().toString());
          if (pid == self) {
            continue;
          }
          String stat = Files.readString(proc.resolve("stat"));
          ProcStat parsed = ProcStat.parse(stat);
          String comm = parsed.comm();
          long ticks = parsed.ticks();
          if (DAEMON.contains(comm)) {
            daemon += ticks;
            continue;
          }
          if (DOCKER_SIDE.contains(comm) || parsed.parentPid() == 2 || pid == 2 // kernel threads
              || Files.readString(proc.resolve("cgroup")).contains("docker")) {
            continue;
          }
          others.put(pid, new Proc(comm, ticks));
        } catch (IOException | RuntimeException gone) {
          // the process ended meanwhile
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return daemon;
  }
}
