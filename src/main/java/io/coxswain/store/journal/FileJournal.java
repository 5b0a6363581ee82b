package io.coxswain.store.journal;

import com.typesafe.config.Config;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.japi.AsyncWriteJournal;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The embedded store's journal: a Pekko Persistence journal plugin over one {@link SegmentedLog}
 * per persistence id (a directory under {@code dir}), so a write is acknowledged only once it is
 * synced to disk, and the disk stays bounded: segments covered by a snapshot are deleted (by
 * {@link FileSnapshotStore} after a snapshot, or by Pekko's {@code deleteMessagesTo}).
 *
 * <p>Settings (plugin config): {@code dir} (absolute path), {@code segment-bytes}. All file work
 * runs on one thread of its own, so writes are ordered and never block a Pekko dispatcher.
 * A failed write fails the returned future (Pekko then fails the persisting actor); when it fails
 * with {@link WriteNotApplied}, the log has been cut back and nothing of it is replayed later. The
 * directory is locked ({@link JournalLock}) while the journal runs: one writer only.
 *
 * <p>{@code deleteMessagesTo} deletes whole segments, so entries of the newest segment up to the
 * given number stay readable; the store never replays below its snapshot, where that would show.
 */
public final class FileJournal extends AsyncWriteJournal {
  private static final Logger LOG = LoggerFactory.getLogger(FileJournal.class);
  private final Path dir;
  private final long segmentBytes;
  private final Serialization serialization;
  private final IoThread io;
  private final Map<String, SegmentedLog> logs = new HashMap<>();
  private final JournalLock lock;

  public FileJournal(Config config) throws IOException {
    this.dir = Path.of(config.getString("dir"));
    this.segmentBytes = config.getBytes("segment-bytes");
    this.serialization = SerializationExtension.get(context().system());
    this.lock = JournalLock.acquire(dir);
    this.io = new IoThread("coxswain-journal-io");
  }

  /** The directory of one persistence id's log. */
  static Path logDir(Path root, String persistenceId) {
    return root.resolve(URLEncoder.encode(persistenceId, StandardCharsets.UTF_8));
  }

  @Override
  public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(Iterable<AtomicWrite> messages) {
    // Serialize here, on the journal actor's thread; the I/O thread only writes and syncs.
    Map<String, List<SegmentedLog.Entry>> byId = new HashMap<>();
    List<Optional<Exception>> results = new ArrayList<>();
    for (AtomicWrite write : messages) {
      List<SegmentedLog.Entry> entries = byId.computeIfAbsent(write.persistenceId(), id -> new ArrayList<>());
      for (PersistentRepr repr : CollectionConverters.asJava(write.payload())) {
        entries.add(new SegmentedLog.Entry(repr.sequenceNr(), encode(repr)));
      }
      results.add(Optional.empty());
    }
    return io.run(() -> {
      for (Map.Entry<String, List<SegmentedLog.Entry>> e : byId.entrySet()) {
        log(e.getKey()).append(e.getValue());
      }
      return results;
    });
  }

  @Override
  public Future<Void> doAsyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
    return io.run(() -> {
      SegmentedLog.deleteCovered(logDir(dir, persistenceId), toSequenceNr);
      return null;
    });
  }

  @Override
  public Future<Void> doAsyncReplayMessages(String persistenceId, long fromSequenceNr, long toSequenceNr, long max,
      Consumer<PersistentRepr> replayCallback) {
    return io.run(() -> {
      log(persistenceId).replay(fromSequenceNr, toSequenceNr, max,
          entry -> replayCallback.accept(decode(persistenceId, entry)));
      return null;
    });
  }

  @Override
  public Future<Long> doAsyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
    return io.run(() -> log(persistenceId).highestSequenceNr());
  }

  /**
   * Lets queued file work finish, closes the logs and releases the directory, so a restarted
   * journal (a new instance) is the only writer from then on.
   */
  @Override
  public void postStop() throws Exception {
    boolean finished = io.finish(() -> logs.values().forEach(log -> {
      try {
        log.close();
      } catch (IOException e) {
        LOG.warn("closing the journal's segment in {} failed: {}", dir, e.toString());
      }
    }), 60);
    if (finished) {
      lock.close();
    } else {
      LOG.error("the journal's file work did not finish within 60 s of stopping; keeping {} locked", dir);
    }
    super.postStop();
  }

  private SegmentedLog log(String persistenceId) throws IOException {
    SegmentedLog log = logs.get(persistenceId);
    if (log == null) {
      log = SegmentedLog.open(logDir(dir, persistenceId), segmentBytes);
      logs.put(persistenceId, log);
    }
    return log;
  }

  private byte[] encode(PersistentRepr repr) {
    SerializedPayload payload = SerializedPayload.of(serialization, repr.payload());
    ByteArrayOutputStream bytes = SerializedPayload.buffer(payload.bytes().length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(repr.writerUuid());
      out.writeUTF(repr.manifest());
      out.writeLong(repr.timestamp());
      payload.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private PersistentRepr decode(String persistenceId, SegmentedLog.Entry entry) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry.payload()))) {
      String writerUuid = in.readUTF();
      String manifest = in.readUTF();
      long timestamp = in.readLong();
      Object payload = SerializedPayload.readFrom(in).deserialize(serialization);
      return PersistentRepr.apply(payload, entry.sequenceNr(), persistenceId, manifest, false, null, writerUuid)
          .withTimestamp(timestamp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
