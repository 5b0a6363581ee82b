package io.coxswain.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A filesystem that forgets unsynced data on a power cut: {@code src/test/lazyfs/lazyfs.py}
 * (FUSE, Debian's python3-fusepy) mounted over a backing directory. Data written under the mount
 * reaches the backing directory only when fsync'ed; {@link #powerCut()} kills the FUSE process
 * with everything it held and detaches the mount, leaving in the backing directory what a machine
 * that lost power would have kept.
 */
public final class LazyFs implements AutoCloseable {
  private static final Path SCRIPT = Path.of("src/test/lazyfs/lazyfs.py").toAbsolutePath();

  private final Process process;
  private final Path mountPoint;

  private LazyFs(Process process, Path mountPoint) {
    this.process = process;
    this.mountPoint = mountPoint;
  }

  /** Mounts {@code backing} at {@code mountPoint} (both created) and waits until the mount is there. */
  public static LazyFs mount(Path backing, Path mountPoint) throws IOException {
    Files.createDirectories(backing);
    Files.createDirectories(mountPoint);
    Process process = new ProcessBuilder("/usr/bin/python3", SCRIPT.toString(), backing.toString(), mountPoint.toString())
        .redirectErrorStream(true)
        .redirectOutput(mountPoint.resolveSibling(mountPoint.getFileName() + ".lazyfs.log").toFile())
        .start();
    LazyFs fs = new LazyFs(process, mountPoint);
    try {
      await("lazyfs mounted at " + mountPoint).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
          .until(() -> !process.isAlive() || fs.mounted());
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
    if (!process.isAlive()) {
      throw new IllegalStateException("lazyfs exited with " + process.exitValue() + " (needs /dev/fuse, python3-fusepy)");
    }
    return fs;
  }

  public Path mountPoint() {
    return mountPoint;
  }

  /** Drops every byte not yet synced: SIGKILL to the filesystem, then a lazy unmount of the dead mount. */
  public void powerCut() throws IOException, InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    if (mounted()) {
      Process umount = new ProcessBuilder("umount", "-l", mountPoint.toString()).inheritIO().start();
      umount.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private boolean mounted() throws IOException {
    String target = " " + mountPoint.toAbsolutePath() + " ";
    return Files.readAllLines(Path.of("/proc/mounts")).stream().anyMatch(line -> line.contains(target));
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (process.isAlive() || mounted()) {
      powerCut();
    }
  }
}
