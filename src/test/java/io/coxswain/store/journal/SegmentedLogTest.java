package io.coxswain.store.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void aDamagedEntryEndsTheLogWhereItIs() throws Exception {
    try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
      log.append(List.of(entry(1)));
      log.append(List.of(entry(2)));
    }
    Path segment = SegmentedLog.segment(dir, 1);
    byte[] bytes = Files.readAllBytes(segment);
    bytes[bytes.length - 1] ^= 0x55; // the last entry's payload no longer matches its checksum
    Files.write(segment, bytes);
    try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
      assertThat(log.highestSequenceNr()).isEqualTo(1);
      assertThat(replay(log, 1, Long.MAX_VALUE, Long.MAX_VALUE)).containsExactly("1:event-1");
    }
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
