package io.coxswain.store.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a journal directory ({@code <dir>/lock}, an OS file lock): a second server
 * on the same data directory, or an overlapping restart, would otherwise append to the same
 * segments at its own idea of their end.
 */
public final class JournalLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private JournalLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** @throws IOException when another process (or another journal in this one) holds the directory */
  public static JournalLock acquire(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      Fsync.directory(dir.getParent()); // the journal directory's name must survive a power cut too
    }
    Path file = dir.resolve("lock");
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException held) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IOException("the journal in " + dir + " is in use by another Coxswain server; one data directory "
          + "serves one server at a time");
    }
    return new JournalLock(channel, lock);
  }

  /** Releases the directory. */
  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
