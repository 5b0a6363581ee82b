package io.coxswain.store.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only, synced log of numbered entries in a directory of segment files: the store's
 * write-ahead log, in the manner of etcd's WAL.
 *
 * <p>Files are named by the sequence number of their first entry ({@code %020d.wal}); the newest
 * is the only one written. An entry on disk is {@code [int length][int crc32c][long seqNr][payload]},
 * the checksum covering seqNr and payload, so a torn write at the end of the newest segment (a
 * crash mid-append) is found and cut off when the log is opened. {@link #append} returns only
 * after {@code fdatasync} of the segment: an entry it returned for survives a power cut.
 * When a write or sync fails (disk full, I/O error) the segment is cut back to where the call
 * began, so nothing of an unacknowledged append remains for a later append to build on.
 *
 * <p>Not thread-safe: one writer (the journal's own thread) calls {@link #append}; {@link #replay}
 * runs before writes begin. {@link #deleteCovered} only touches segments the writer has left.
 */
public final class SegmentedLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SegmentedLog.class);
  static final String SUFFIX = ".wal";
  private static final int HEADER = 4 + 4 + 8;
  /** The most one append may write: one buffer, and what {@link #scan} will read back. */
  private static final long MAX_APPEND = Integer.MAX_VALUE - 1024;

  /** One entry: its sequence number and its bytes. */
  public record Entry(long sequenceNr, byte[] payload) {}

  private final Path dir;
  private final long segmentBytes;
  private FileChannel active;
  private long position;
  private long highest;
  /** A failed append could not be cut back: the next append retries that first. */
  private boolean dirty;
  /** A new segment whose directory entry is not yet synced: synced before anything in it is acknowledged. */
  private boolean directoryUnsynced;

  private SegmentedLog(Path dir, long segmentBytes) {
    this.dir = dir;
    this.segmentBytes = segmentBytes;
  }

  /**
   * Opens (creating if absent) the log in {@code dir}: finds the highest entry and cuts a torn
   * tail off the newest segment.
   *
   * @param segmentBytes a segment that has grown past this many bytes is left for a new one
   * @throws IOException when the directory cannot be read or the newest segment not repaired
   */
  public static SegmentedLog open(Path dir, long segmentBytes) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      // The new directories' names must survive a power cut, as the files in them will.
      Fsync.directory(dir.getParent());
    }
    SegmentedLog wal = new SegmentedLog(dir, segmentBytes);
    List<Long> firsts = segments(dir);
    if (firsts.isEmpty()) {
      try {
        wal.startSegment(1);
      } catch (IOException e) {
        wal.close();
        throw e;
      }
      return wal;
    }
    long first = firsts.get(firsts.size() - 1);
    Path file = segment(dir, first);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      Scan scan = scan(channel, first, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, e -> { }, channel.size());
      if (scan.validEnd() < channel.size()) {
        if (!tornTail(channel, scan.validEnd())) {
          throw new IOException("journal segment " + file + " is damaged at byte " + scan.validEnd() + " of "
              + channel.size() + " and whole entries may follow; refusing to start rather than drop them");
        }
        log.warn("journal segment {}: cutting {} bytes after the last whole entry (a write the crash interrupted)",
            file, channel.size() - scan.validEnd());
        channel.truncate(scan.validEnd());
        channel.force(true);
      }
      wal.active = channel;
      wal.position = scan.validEnd();
      wal.highest = scan.last() >= 0 ? scan.last() : first - 1;
      return wal;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Whether what follows the last whole entry is what an interrupted, never-acknowledged append
   * leaves, as etcd's WAL decides: a header of zeros (a page the disk never wrote) or cut short,
   * an entry whose stated length runs past the end of the file, or an entry with a bad checksum
   * that holds an all-zero 512-byte sector. A whole-length entry with a bad checksum and no such
   * sector is damage inside synced data, and the log refuses to guess.
   */
  private static boolean tornTail(FileChannel channel, long at) throws IOException {
    long size = channel.size();
    if (size - at < HEADER) {
      return true;
    }
    ByteBuffer header = ByteBuffer.allocate(8);
    readFully(channel, header, at);
    int length = header.getInt(0);
    if (length == 0 || length < 8 || at + 8 + length > size) {
      return length == 0 || at + 8L + Math.max(length, 8) > size || allZero(channel, at, size);
    }
    ByteBuffer entry = ByteBuffer.allocate(8 + length);
    readFully(channel, entry, at);
    for (long sector = at - at % 512; sector < at + 8 + length; sector += 512) {
      int from = (int) (Math.max(sector, at) - at);
      int to = (int) (Math.min(sector + 512, at + 8 + length) - at);
      boolean zeros = true;
      for (int i = from; i < to && zeros; i++) {
        zeros = entry.get(i) == 0;
      }
      if (zeros) {
        return true;
      }
    }
    return false;
  }

  private static boolean allZero(FileChannel channel, long at, long size) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
    for (long pos = at; pos < size; pos += chunk.capacity()) {
      chunk.clear();
      chunk.limit((int) Math.min(chunk.capacity(), size - pos));
      readFully(channel, chunk, pos);
      for (int i = 0; i < chunk.limit(); i++) {
        if (chunk.get(i) != 0) {
          return false;
        }
      }
    }
    return true;
  }

  /** The sequence number of the newest entry; 0 for a new log. Never falls, even when segments are deleted. */
  public long highestSequenceNr() {
    return highest;
  }

  /**
   * Appends entries (their sequence numbers must follow {@link #highestSequenceNr()} in order)
   * and syncs them to disk.
   *
   * @throws IOException when they could not be written and synced; none of them is then in the log
   */
  public void append(List<Entry> entries) throws IOException {
    if (entries.isEmpty()) {
      return;
    }
    long size = 0;
    long expected = highest + 1;
    for (Entry entry : entries) {
      if (entry.sequenceNr() != expected++) {
        throw new IllegalArgumentException("entry " + entry.sequenceNr() + " does not follow " + (expected - 2));
      }
      size += HEADER + entry.payload().length;
    }
    if (size > MAX_APPEND) {
      throw new WriteNotApplied("a batch of " + size + " bytes is larger than the journal takes at once ("
          + MAX_APPEND + ")", null);
    }
    try {
      if (dirty) {
        cutBack();
      }
      if (position >= segmentBytes) {
        roll(entries.get(0).sequenceNr());
      }
      if (directoryUnsynced) {
        Fsync.directory(dir);
        directoryUnsynced = false;
      }
    } catch (IOException e) {
      throw new WriteNotApplied("the journal could not be prepared for the write: " + e.getMessage(), e);
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) size);
    CRC32C crc = new CRC32C();
    ByteBuffer seq = ByteBuffer.allocate(8);
    for (Entry entry : entries) {
      crc.reset();
      seq.clear();
      seq.putLong(0, entry.sequenceNr());
      crc.update(seq);
      crc.update(entry.payload());
      buffer.putInt(8 + entry.payload().length).putInt((int) crc.getValue())
          .putLong(entry.sequenceNr()).put(entry.payload());
    }
    buffer.flip();
    try {
      while (buffer.hasRemaining()) {
        active.write(buffer, position + buffer.position());
      }
      active.force(false);
    } catch (IOException e) {
      dirty = true;
      try {
        cutBack();
      } catch (IOException cut) {
        // The entries may still be in the file: whether they count is for the next open to find.
        e.addSuppressed(cut);
        throw e;
      }
      throw new WriteNotApplied(e.getMessage(), e);
    }
    position += size;
    highest = entries.get(entries.size() - 1).sequenceNr();
  }

  /** Removes whatever a failed append left after the last acknowledged entry. */
  private void cutBack() throws IOException {
    active.truncate(position);
    active.force(true);
    dirty = false;
  }

  /**
   * Calls {@code consumer} with the entries numbered {@code from..to}, at most {@code max} of
   * them, in order.
   */
  public void replay(long from, long to, long max, Consumer<Entry> consumer) throws IOException {
    List<Long> firsts = segments(dir);
    if (!firsts.isEmpty() && from < firsts.get(0) && firsts.get(0) > 1 && from <= highest) {
      // Entries before the oldest segment were deleted (covered by a snapshot): replaying from
      // here would rebuild the state from part of its history. The caller must start from a
      // snapshot; a missing one is an error, never an empty start.
      throw new IOException("journal " + dir + " holds entries from " + firsts.get(0) + " on; entries from " + from
          + " were asked for (their snapshot is missing or unreadable)");
    }
    long delivered = 0;
    for (int i = 0; i < firsts.size() && delivered < max; i++) {
      long first = firsts.get(i);
      boolean newest = i + 1 == firsts.size();
      long nextFirst = newest ? Long.MAX_VALUE : firsts.get(i + 1);
      if (nextFirst <= from || first > to) {
        continue;
      }
      Path file = segment(dir, first);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        long size = channel.size();
        long budget = max - delivered;
        // The newest segment is the one being written: read only what was acknowledged, never
        // the remains of a failed append that could not be cut back yet.
        Scan scan = scan(channel, first, from, to, budget, consumer, newest ? Math.min(size, position) : size);
        delivered += scan.delivered();
        boolean stoppedEarly = scan.delivered() >= budget || scan.last() > to;
        // An older segment must end whole, right before the next one begins.
        if (!newest && !stoppedEarly && (scan.validEnd() != size || scan.last() != nextFirst - 1)) {
          throw new IOException("journal segment " + file + " ends at entry " + scan.last() + " (byte " + scan.validEnd()
              + " of " + size + ") but the next segment starts at " + nextFirst + ": the log is damaged");
        }
      }
    }
  }

  /**
   * Deletes the segments all of whose entries are numbered {@code upTo} or lower (their successor
   * starts at {@code upTo + 1} or before); the newest segment is never deleted.
   *
   * @return how many segments were deleted
   */
  public static int deleteCovered(Path dir, long upTo) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    List<Long> firsts = segments(dir);
    int deleted = 0;
    for (int i = 0; i + 1 < firsts.size(); i++) {
      if (firsts.get(i + 1) <= upTo + 1) {
        Files.deleteIfExists(segment(dir, firsts.get(i)));
        deleted++;
      }
    }
    return deleted;
  }

  private void roll(long nextSequenceNr) throws IOException {
    FileChannel previous = active;
    try {
      startSegment(nextSequenceNr);
    } finally {
      if (active != previous) {
        previous.close(); // a new segment is open (its directory sync may still be due)
      }
    }
  }

  private void startSegment(long first) throws IOException {
    active = FileChannel.open(segment(dir, first), StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    position = 0;
    highest = first - 1;
    // The new file's name must survive a power cut before anything in it is acknowledged; if this
    // sync fails, the next append tries it again before writing.
    directoryUnsynced = true;
    Fsync.directory(dir);
    directoryUnsynced = false;
  }

  @Override
  public void close() throws IOException {
    if (active != null) {
      active.close();
    }
  }

  private record Scan(long validEnd, long last, long delivered) {}

  /** Reads whole, checksummed entries from the start of a segment, within its first {@code size} bytes, until the first that is not. */
  private static Scan scan(FileChannel channel, long first, long from, long to, long max, Consumer<Entry> consumer,
      long size) throws IOException {
    long pos = 0;
    long last = -1;
    long delivered = 0;
    ByteBuffer header = ByteBuffer.allocate(8);
    CRC32C crc = new CRC32C();
    while (pos + HEADER <= size && delivered < max) {
      header.clear();
      readFully(channel, header, pos);
      int length = header.getInt(0);
      int sum = header.getInt(4);
      if (length < 8 || pos + 8 + length > size) {
        break;
      }
      ByteBuffer body = ByteBuffer.allocate(length);
      readFully(channel, body, pos + 8);
      crc.reset();
      crc.update(body.array(), 0, length);
      if ((int) crc.getValue() != sum) {
        break;
      }
      long seq = body.getLong(0);
      if (seq != (last < 0 ? first : last + 1)) {
        break; // not the entry that belongs here: a stale tail from before a cut-back
      }
      last = seq;
      pos += 8 + length;
      if (seq > to) {
        break;
      }
      if (seq >= from) {
        byte[] payload = new byte[length - 8];
        System.arraycopy(body.array(), 8, payload, 0, payload.length);
        consumer.accept(new Entry(seq, payload));
        delivered++;
      }
    }
    return new Scan(pos, last, delivered);
  }

  /** Fills {@code buffer} from {@code at}; a file that ends first is an {@link IOException}. */
  static void readFully(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, at + buffer.position()) < 0) {
        throw new IOException("unexpected end of segment");
      }
    }
  }

  static Path segment(Path dir, long first) {
    return dir.resolve(String.format("%020d%s", first, SUFFIX));
  }

  /** First sequence numbers of the segments in {@code dir}, ascending. */
  static List<Long> segments(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Long> firsts = new ArrayList<>();
      files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(SUFFIX) && n.length() == 20 + SUFFIX.length())
          .forEach(n -> firsts.add(Long.parseLong(n.substring(0, 20))));
      firsts.sort(null);
      return firsts;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
