package io.coxswain.node.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a volume's files so a container never sees half an update, in the layout a kubelet uses:
 * each version in its own hidden directory ({@code ..2026_11_30_10_00_00.123456789}), a symlink
 * {@code ..data} to the current one swapped by an atomic rename, and each visible name a symlink
 * through {@code ..data}. A payload equal to what is there writes nothing.
 */
public final class AtomicWriter {
  private static final String DATA = "..data";
  /** Permission bits from the lowest (others' execute) up, as in an octal mode. */
  private static final PosixFilePermission[] BITS = {PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

  private AtomicWriter() {}

  /** @return whether anything changed */
  public static boolean write(Path dir, Map<String, ConfigVolumes.File> payload) {
    return write(dir, payload, null);
  }

  /**
   * @param gid the group that owns the files and directories written (a pod's fsGroup, the
   *     directories setgid), or null to leave the writer's
   * @return whether anything changed
   */
  public static boolean write(Path dir, Map<String, ConfigVolumes.File> payload, Long gid) {
    try {
      Files.createDirectories(dir);
      Path current = dir.resolve(DATA);
      if (Files.exists(current) && same(current, payload, gid)) {
        return false;
      }
      Path version = Files.createTempDirectory(dir, ".." + java.time.LocalDateTime.now().toString()
          .replace(':', '_').replace('-', '_').replace('T', '_') + ".");
      for (Map.Entry<String, ConfigVolumes.File> e : payload.entrySet()) {
        Path file = version.resolve(e.getKey()).normalize();
        if (!file.startsWith(version)) {
          continue; // validation refuses such paths; never write outside the volume
        }
        Files.createDirectories(file.getParent());
        Files.write(file, e.getValue().content());
        permissions(file, e.getValue().mode());
        if (gid != null) {
          Files.setAttribute(file, "unix:gid", gid.intValue());
        }
      }
      Files.setPosixFilePermissions(version, EnumSet.of(PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
      if (gid != null) {
        for (Path d : List.of(dir, version)) {
          Files.setAttribute(d, "unix:gid", gid.intValue());
          Files.setAttribute(d, "unix:mode", 02755); // setgid: what is made inside keeps the group
        }
      }
      Path tmp = dir.resolve("..data_tmp");
      Files.deleteIfExists(tmp);
      Files.createSymbolicLink(tmp, version.getFileName());
      Files.move(tmp, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Set<String> visible = new HashSet<>();
      for (String path : payload.keySet()) {
        visible.add(path.split("/", 2)[0]);
      }
      for (String name : visible) {
        Path link = dir.resolve(name);
        try {
          Files.createSymbolicLink(link, Path.of(DATA, name));
        } catch (FileAlreadyExistsException exists) {
          // already linked through ..data
        }
      }
      try (Stream<Path> entries = Files.list(dir)) {
        for (Path entry : entries.toList()) {
          String name = entry.getFileName().toString();
          if (name.startsWith("..")) {
            if (!name.equals(DATA) && !entry.equals(version) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
              deleteTree(entry);
            }
          } else if (!visible.contains(name)) {
            Files.deleteIfExists(entry);
          }
        }
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes a volume directory and everything in it. */
  public static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> paths = walk.sorted(java.util.Comparator.reverseOrder()).toList();
      for (Path p : paths) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean same(Path current, Map<String, ConfigVolumes.File> payload, Long gid) throws IOException {
    Path real = current.toRealPath();
    try (Stream<Path> walk = Files.walk(real)) {
      long files = walk.filter(Files::isRegularFile).count();
      if (files != payload.size()) {
        return false;
      }
    }
    for (Map.Entry<String, ConfigVolumes.File> e : payload.entrySet()) {
      Path file = real.resolve(e.getKey());
      if (!Files.isRegularFile(file) || !java.util.Arrays.equals(Files.readAllBytes(file), e.getValue().content())
          || mode(file) != (e.getValue().mode() & 0777)
          || gid != null && ((Number) Files.getAttribute(file, "unix:gid")).longValue() != gid) {
        return false;
      }
    }
    return true;
  }

  private static void permissions(Path file, int mode) throws IOException {
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    for (int bit = 0; bit < BITS.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        perms.add(BITS[bit]);
      }
    }
    Files.setPosixFilePermissions(file, perms);
  }

  private static int mode(Path file) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    int mode = 0;
    for (int bit = 0; bit < BITS.length; bit++) {
      if (perms.contains(BITS[bit])) {
        mode |= 1 << bit;
      }
    }
    return mode;
  }
}
