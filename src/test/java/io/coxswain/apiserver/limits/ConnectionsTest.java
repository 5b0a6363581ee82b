package io.coxswain.apiserver.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionsTest {
  private static final long S = 1_000_000_000L;

  private static Connection open(Connections connections, long now, AtomicInteger closed) {
    Connection c = connections.open("127.0.0.1", now).orElseThrow();
    c.closeWith(closed::incrementAndGet);
    return c;
  }

  @Test
  void atTheLimitTheLongestIdleMakesRoomAndBusyOnesAreNeverTaken() {
    Connections connections = new Connections(3, Duration.ofSeconds(90), Duration.ofSeconds(32));
    AtomicInteger closed = new AtomicInteger();
    Connection busy = open(connections, 0, closed);
    busy.requestStarted(1);
    Connection idleOld = open(connections, 2, closed);
    Connection idleNew = open(connections, 3, closed);
    AtomicInteger oldClosed = new AtomicInteger();
    idleOld.closeWith(oldClosed::incrementAndGet);

    assertThat(connections.open("127.0.0.1", 4)).isPresent();
    assertThat(oldClosed.get()).isEqualTo(1);
    assertThat(connections.size()).isEqualTo(3);

    idleNew.requestStarted(5);
    // every remaining connection is busy or new-and-idle: the newest idle one goes next
    assertThat(connections.open("127.0.0.1", 6)).isPresent();
    assertThat(connections.counts().evicted()).isEqualTo(2);
  }

  @Test
  void withEveryConnectionBusyOrStreamingANewcomerIsRefused() {
    Connections connections = new Connections(2, Duration.ofSeconds(90), Duration.ofSeconds(32));
    AtomicInteger closed = new AtomicInteger();
    open(connections, 0, closed).requestStarted(0);
    open(connections, 0, closed).streaming(0, 0);
    assertThat(connections.open("127.0.0.1", 1)).isEmpty();
    assertThat(connections.counts().refused()).isEqualTo(1);
    assertThat(closed.get()).isZero();
  }

  @Test
  void slowHeadersGoBeforeBusyConnectionsWhenNoneIsIdle() {
    Connections connections = new Connections(2, Duration.ofSeconds(90), Duration.ofSeconds(32));
    AtomicInteger closed = new AtomicInteger();
    open(connections, 0, closed).requestStarted(0);
    open(connections, 0, closed).bytesIn(1);
    assertThat(connections.open("127.0.0.1", 2)).isPresent();
    assertThat(closed.get()).isEqualTo(1);
  }

  @Test
  void theSweepClosesIdleAndHeaderTimeoutsOnly() {
    Connections connections = new Connections(10, Duration.ofSeconds(90), Duration.ofSeconds(32));
    AtomicInteger closed = new AtomicInteger();
    Connection idle = open(connections, 0, closed);
    Connection header = open(connections, 0, closed);
    header.bytesIn(10 * S);
    Connection busy = open(connections, 0, closed);
    busy.requestStarted(0);
    Connection watch = open(connections, 0, closed);
    watch.streaming(watch.requestStarted(0), 0);
    Connection answered = open(connections, 0, closed);
    answered.responded(answered.requestStarted(0), 80 * S);

    assertThat(connections.sweep(40 * S)).isEqualTo(0); // header began at 10 s: 30 s < 32 s
    assertThat(connections.sweep(43 * S)).isEqualTo(1); // the header one
    assertThat(connections.sweep(91 * S)).isEqualTo(1); // the idle one; answered is idle since 80 s
    assertThat(connections.sweep(171 * S)).isEqualTo(1); // answered, 91 s after its answer
    assertThat(connections.size()).isEqualTo(2); // busy and watch stay
    assertThat(closed.get()).isEqualTo(3);
  }

  @Test
  void whatARequestHoldsIsLetGoOnceWhenDoneOrWhenTheConnectionEnds() {
    Connections connections = new Connections(10, Duration.ofSeconds(90), Duration.ofSeconds(32));
    Connection c = connections.open("127.0.0.1", 0).orElseThrow();
    AtomicInteger released = new AtomicInteger();
    long first = c.requestStarted(0);
    c.hold(first, released::incrementAndGet);
    c.releaseHeld(first);
    c.releaseHeld(first);
    assertThat(released.get()).isEqualTo(1);
    long second = c.requestStarted(0);
    c.hold(second, released::incrementAndGet);
    connections.closed(c);
    assertThat(released.get()).isEqualTo(2);
    c.hold(c.requestStarted(0), released::incrementAndGet); // a late request on a dead connection lets go at once
    assertThat(released.get()).isEqualTo(3);
    assertThat(connections.size()).isZero();
  }

  @Test
  void theEndOfARequestSeenAfterTheNextBeganLetsGoOfItsOwnSeatOnly() {
    Connections connections = new Connections(10, Duration.ofSeconds(90), Duration.ofSeconds(32));
    Connection c = connections.open("127.0.0.1", 0).orElseThrow();
    AtomicInteger firstSeat = new AtomicInteger();
    AtomicInteger secondSeat = new AtomicInteger();
    long first = c.requestStarted(0);
    c.hold(first, firstSeat::incrementAndGet);
    long second = c.requestStarted(1);
    c.hold(second, secondSeat::incrementAndGet);
    c.releaseHeld(first);
    c.responded(first, 2);
    assertThat(firstSeat.get()).isEqualTo(1);
    assertThat(secondSeat.get()).isZero();
    assertThat(c.phase()).as("the second request is still being served").isEqualTo(Connection.Phase.BUSY);
    c.releaseHeld(second);
    c.responded(second, 3);
    assertThat(secondSeat.get()).isEqualTo(1);
    assertThat(c.phase()).isEqualTo(Connection.Phase.IDLE);
  }
}
