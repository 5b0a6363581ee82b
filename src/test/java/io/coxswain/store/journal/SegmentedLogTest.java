package io.coxswain.store.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentedLogTest {
  @TempDir
  Path dir;

  private static SegmentedLog.Entry entry(long seq) {
    return new SegmentedLog.Entry(seq, ("event-" + seq).getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> replay(SegmentedLog log, long from, long to, long max) throws Exception {
    List<String> out = new ArrayList<>();
    log.replay(from, to, max, e -> out.add(e.sequenceNr() + ":" + new String(e.payload(), StandardCharsets.UTF_8)));
    return out;
  }

  @Test
  void entriesComeBackInOrderAfterReopening() throws Exception {
    try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
      assertThat(log.highestSequenceNr()).isZero();
      log.append(List.of(entry(1), entry(2)));
      log.append(List.of(entry(3)));
    }
    try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
      assertThat(log.highestSequenceNr()).isEqualTo(3);
      assertThat(replay(log, 1, Long.MAX_VALUE, Long.MAX_VALUE)).containsExactly("1:event-1", "2:event-2", "3:event-3");
      assertThat(replay(log, 2, 2, 10)).containsExactly("2:event-2");
      assertThat(replay(log, 1, 3, 2)).containsExactly("1:event-1", "2:event-2");
      log.append(List.of(entry(4)));
      assertThat(replay(log, 4, 4, 1)).containsExactly("4:event-4");
    }
  }

  @Test
  void aTornTailIsCutOffAndWritingGoesOnAfterTheLastWholeEntry() throws Exception {
    try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
      log.append(List.of(entry(1), entry(2)));
    }
    Path segment = SegmentedLog.segment(dir, 1);
    long whole = Files.size(segment);
    // Half of an entry (a header promising 100 bytes, then 10), as a crash mid-write leaves it.
    Files.write(segment, new byte[] {0, 0, 0, 100, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0}, StandardOpenOption.APPEND);
    try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
      assertThat(Files.size(segment)).isEqualTo(whole);
      assertThat(log.highestSequenceNr()).isEqualTo(2);
      log.append(List.of(entry(3)));
    }
    try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
      assertThat(replay(log, 1, Long.MAX_VALUE, Long.MAX_VALUE)).containsExactly("1:event-1", "2:event-2", "3:event-3");
    }
  }

  @Test
  void damageInsideSyncedEntriesRefusesToOpenRatherThanDropThem() throws Exception {
    try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
      log.append(List.of(entry(1)));
      log.append(List.of(entry(2)));
    }
    Path segment = SegmentedLog.segment(dir, 1);
    byte[] bytes = Files.readAllBytes(segment);
    bytes[20] ^= 0x55; // inside entry 1's payload: a bit flipped on disk, entry 2 whole after it
    Files.write(segment, bytes);
    assertThatThrownBy(() -> SegmentedLog.open(dir, 1 << 20)).isInstanceOf(IOException.class)
        .hasMessageContaining("damaged");
  }

  @Test
  void zerosAfterTheLastEntryAreAWriteThatNeverReachedTheDisk() throws Exception {
    try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
      log.append(List.of(entry(1), entry(2)));
    }
    Path segment = SegmentedLog.segment(dir, 1);
    long whole = Files.size(segment);
    Files.write(segment, new byte[4096], StandardOpenOption.APPEND); // size grew, the data did not land
    try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
      assertThat(Files.size(segment)).isEqualTo(whole);
      assertThat(log.highestSequenceNr()).isEqualTo(2);
    }
  }

  @Test
  void aRollDoesNotSkipTheSequenceCheck() throws Exception {
    try (SegmentedLog log = SegmentedLog.open(dir, 10)) {
      log.append(List.of(entry(1)));
      assertThatThrownBy(() -> log.append(List.of(entry(5)))).isInstanceOf(IllegalArgumentException.class);
      log.append(List.of(entry(2)));
      assertThat(SegmentedLog.segments(dir)).containsExactly(1L, 2L);
    }
  }

  @Test
  void replayRefusesHistoryThatIsNoLongerThere() throws Exception {
    try (SegmentedLog log = SegmentedLog.open(dir, 40)) {
      for (long seq = 1; seq <= 12; seq++) {
        log.append(List.of(entry(seq)));
      }
      List<Long> segments = SegmentedLog.segments(dir);
      // A missing middle segment: the log has a hole.
      Files.delete(SegmentedLog.segment(dir, segments.get(1)));
      assertThatThrownBy(() -> replay(log, 1, Long.MAX_VALUE, Long.MAX_VALUE)).isInstanceOf(IOException.class)
          .hasMessageContaining("next segment");
      // Compacted history: asking for it (a missing snapshot) is an error, not a partial replay.
      SegmentedLog.deleteCovered(dir, segments.get(2) - 1);
      assertThatThrownBy(() -> replay(log, 1, Long.MAX_VALUE, Long.MAX_VALUE)).isInstanceOf(IOException.class)
          .hasMessageContaining("snapshot");
      assertThat(replay(log, segments.get(2), Long.MAX_VALUE, Long.MAX_VALUE)).first()
          .isEqualTo(segments.get(2) + ":event-" + segments.get(2));
    }
  }

  @Test
  void oneWriterPerJournalDirectory() throws Exception {
    try (JournalLock first = JournalLock.acquire(dir)) {
      assertThatThrownBy(() -> JournalLock.acquire(dir)).isInstanceOf(IOException.class).hasMessageContaining("in use");
    }
    JournalLock.acquire(dir).close(); // free again once released
  }

  @Test
  void segmentsRollAndOnlyCoveredOnesAreDeleted() throws Exception {
    try (SegmentedLog log = SegmentedLog.open(dir, 40)) {
      for (long seq = 1; seq <= 10; seq++) {
        log.append(List.of(entry(seq), entry(++seq)));
      }
      List<Long> segments = SegmentedLog.segments(dir);
      assertThat(segments).hasSizeGreaterThan(2);
      assertThat(segments.get(0)).isEqualTo(1);

      long covered = segments.get(2) - 1; // everything in the first two segments
      assertThat(SegmentedLog.deleteCovered(dir, covered)).isEqualTo(2);
      assertThat(SegmentedLog.segments(dir)).isEqualTo(segments.subList(2, segments.size()));
      assertThat(replay(log, covered + 1, Long.MAX_VALUE, Long.MAX_VALUE)).first().isEqualTo(
          (covered + 1) + ":event-" + (covered + 1));

      // Everything covered: every segment but the newest goes, and the numbering goes on.
      SegmentedLog.deleteCovered(dir, 10);
      assertThat(SegmentedLog.segments(dir)).hasSize(1);
      assertThat(log.highestSequenceNr()).isEqualTo(10);
    }
    try (SegmentedLog log = SegmentedLog.open(dir, 40)) {
      assertThat(log.highestSequenceNr()).isEqualTo(10);
      log.append(List.of(entry(11)));
      assertThat(replay(log, 11, 11, 1)).containsExactly("11:event-11");
    }
  }

  @Test
  void entriesOutOfSequenceAreRefused() throws Exception {
    try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
      log.append(List.of(entry(1)));
      assertThatThrownBy(() -> log.append(List.of(entry(3)))).isInstanceOf(IllegalArgumentException.class);
      assertThat(log.highestSequenceNr()).isEqualTo(1);
    }
  }
}
