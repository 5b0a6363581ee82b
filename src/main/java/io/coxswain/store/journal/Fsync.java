package io.coxswain.store.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Syncing what the file APIs leave to the kernel: a directory's entries (new, renamed files). */
final class Fsync {
  private Fsync() {}

  /**
   * fsync of a directory, so that files created or renamed in it are found after a power cut
   * (on Linux a directory opens read-only and {@code force} syncs it).
   */
  static void directory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
