package io.coxswain.store.journal;

import com.typesafe.config.Config;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.snapshot.japi.SnapshotStore;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import scala.concurrent.Future;

/**
 * The embedded store's snapshot store: one file per snapshot under {@code dir}/{persistence id},
 * {@code snapshot-<seqNr>-<timestamp>.snap}, holding {@code [int magic][int crc32c][long length][payload]}.
 *
 * <p>A snapshot is written to a temporary file, synced, renamed into place and the directory
 * synced, so it is either whole or absent after a power cut. After each save only the newest
 * {@code keep} snapshots are kept, and the journal segments (in {@code journal-dir}) whose events
 * all precede the oldest kept snapshot are deleted: recovery can start from either kept snapshot
 * (a damaged newest one is skipped for the one before), and the disk holds the state about
 * {@code keep} times plus the events since. Loads and saves share one thread, so a recovery
 * (load, then replay) never overlaps a compaction.
 */
public final class FileSnapshotStore extends SnapshotStore {
  private static final int MAGIC = 0x43585331; // "CXS1"
  private static final String PREFIX = "snapshot-";
  private static final String SUFFIX = ".snap";
  private static final String TEMP = ".tmp";

  private final Path dir;
  private final Path journalDir;
  private final int keep;
  private final Serialization serialization;
  private final IoThread io;

  public FileSnapshotStore(Config config) {
    this.dir = Path.of(config.getString("dir"));
    this.journalDir = config.getString("journal-dir").isEmpty() ? null : Path.of(config.getString("journal-dir"));
    // At least two: the older one is the fallback whose events are still in the journal.
    this.keep = Math.max(2, config.getInt("keep"));
    this.serialization = SerializationExtension.get(context().system());
    this.io = new IoThread("coxswain-snapshot-io");
  }

  /**
   * The newest readable snapshot the criteria select. When there are snapshots and none can be
   * read, loading fails: starting empty would rebuild the store from the events after the
   * compacted ones only.
   */
  @Override
  public Future<Optional<SelectedSnapshot>> doLoadAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
    return io.run(() -> {
      List<SnapshotMetadata> candidates = matching(persistenceId, criteria);
      IOException last = null;
      for (SnapshotMetadata meta : candidates) {
        try {
          return Optional.of(SelectedSnapshot.create(meta, read(file(meta))));
        } catch (IOException | RuntimeException e) {
          log().warning("snapshot {} cannot be read ({}); trying an older one", file(meta), e.toString());
          last = new IOException("snapshot " + file(meta) + " cannot be read: " + e, e);
        }
      }
      if (last != null) {
        throw last;
      }
      return Optional.empty();
    });
  }

  @Override
  public Future<Void> doSaveAsync(SnapshotMetadata metadata, Object snapshot) {
    SerializedPayload payload = SerializedPayload.of(serialization, snapshot);
    return io.run(() -> {
      write(metadata, payload);
      compact(metadata.persistenceId());
      return null;
    });
  }

  @Override
  public Future<Void> doDeleteAsync(SnapshotMetadata metadata) {
    return io.run(() -> {
      Files.deleteIfExists(file(metadata));
      return null;
    });
  }

  @Override
  public Future<Void> doDeleteAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
    return io.run(() -> {
      for (SnapshotMetadata meta : matching(persistenceId, criteria)) {
        Files.deleteIfExists(file(meta));
      }
      return null;
    });
  }

  @Override
  public void postStop() throws Exception {
    io.finish(() -> { }, 120);
    super.postStop();
  }

  private void write(SnapshotMetadata metadata, SerializedPayload payload) throws IOException {
    Path target = file(metadata);
    if (!Files.isDirectory(target.getParent())) {
      Files.createDirectories(target.getParent());
      Fsync.directory(target.getParent().getParent());
    }
    Path temp = target.resolveSibling(target.getFileName() + TEMP);
    ByteArrayOutputStream body = SerializedPayload.buffer(payload.bytes().length);
    try (DataOutputStream out = new DataOutputStream(body)) {
      payload.writeTo(out);
    }
    byte[] bytes = body.toByteArray();
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
      DataOutputStream data = new DataOutputStream(out);
      data.writeInt(MAGIC);
      data.writeInt((int) crc.getValue());
      data.writeLong(bytes.length);
      data.write(bytes);
      data.flush();
      channel.force(true);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(temp); // a disk-full write leaves no partial file behind
      throw e;
    }
    Fsync.directory(target.getParent());
  }

  private Object read(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (channel.size() < 16) {
        throw new IOException("not a snapshot file");
      }
      ByteBuffer header = ByteBuffer.allocate(16);
      SegmentedLog.readFully(channel, header, 0);
      if (header.getInt(0) != MAGIC) {
        throw new IOException("not a snapshot file");
      }
      long length = header.getLong(8);
      if (length < 0 || length != channel.size() - 16) {
        throw new IOException("snapshot is " + (channel.size() - 16) + " bytes, its header says " + length);
      }
      ByteBuffer body = ByteBuffer.allocate((int) length);
      SegmentedLog.readFully(channel, body, 16);
      CRC32C crc = new CRC32C();
      crc.update(body.array());
      if ((int) crc.getValue() != header.getInt(4)) {
        throw new IOException("snapshot checksum does not match");
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body.array()))) {
        return SerializedPayload.readFrom(in).deserialize(serialization);
      }
    }
  }

  /** Keeps the newest {@code keep} snapshots and the journal segments needed from the oldest of them. */
  private void compact(String persistenceId) throws IOException {
    // A save that a crash interrupted leaves its temporary file; nothing else would remove it.
    try (Stream<Path> files = Files.list(FileJournal.logDir(dir, persistenceId))) {
      for (Path temp : files.filter(p -> p.getFileName().toString().endsWith(TEMP)).toList()) {
        Files.deleteIfExists(temp);
      }
    }
    List<SnapshotMetadata> all = matching(persistenceId, SnapshotSelectionCriteria.latest());
    for (SnapshotMetadata old : all.subList(Math.min(keep, all.size()), all.size())) {
      Files.deleteIfExists(file(old));
    }
    if (journalDir != null && !all.isEmpty()) {
      long covered = all.get(Math.min(keep, all.size()) - 1).sequenceNr();
      int deleted = SegmentedLog.deleteCovered(FileJournal.logDir(journalDir, persistenceId), covered);
      if (deleted > 0) {
        log().debug("deleted {} journal segments of {} up to sequence number {}", deleted, persistenceId, covered);
      }
    }
  }

  /** The snapshots of a persistence id that the criteria select, newest first. */
  private List<SnapshotMetadata> matching(String persistenceId, SnapshotSelectionCriteria criteria) throws IOException {
    Path idDir = FileJournal.logDir(dir, persistenceId);
    List<SnapshotMetadata> found = new ArrayList<>();
    if (!Files.isDirectory(idDir)) {
      return found;
    }
    try (Stream<Path> files = Files.list(idDir)) {
      files.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(PREFIX) && n.endsWith(SUFFIX))
          .forEach(n -> {
            String[] parts = n.substring(PREFIX.length(), n.length() - SUFFIX.length()).split("-");
            if (parts.length == 2) {
              SnapshotMetadata meta = new SnapshotMetadata(persistenceId, Long.parseLong(parts[0]), Long.parseLong(parts[1]));
              if (criteria.matches(meta)) {
                found.add(meta);
              }
            }
          });
    }
    found.sort(Comparator.comparingLong(SnapshotMetadata::sequenceNr).thenComparingLong(SnapshotMetadata::timestamp)
        .reversed());
    return found;
  }

  private Path file(SnapshotMetadata meta) {
    return FileJournal.logDir(dir, meta.persistenceId())
        .resolve(String.format("%s%020d-%020d%s", PREFIX, meta.sequenceNr(), meta.timestamp(), SUFFIX));
  }

}
