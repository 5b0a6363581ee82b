package io.coxswain.apiserver;

import java.util.function.LongConsumer;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * Passes a connection's incoming bytes through and reports two things: that bytes arrived (with
 * {@link System#nanoTime()}), and that the client ended its side of the connection (its FIN, or a
 * reset). The second is told apart from the HTTP layer no longer wanting bytes (after a request
 * with {@code Connection: close}, or HTTP/1.0), which is not the client hanging up.
 */
final class ClientBytes extends GraphStage<FlowShape<ByteString, ByteString>> {
  private final Inlet<ByteString> in = Inlet.create("ClientBytes.in");
  private final Outlet<ByteString> out = Outlet.create("ClientBytes.out");
  private final FlowShape<ByteString, ByteString> shape = FlowShape.of(in, out);
  private final LongConsumer arrived;
  private final Runnable hungUp;

  ClientBytes(LongConsumer arrived, Runnable hungUp) {
    this.arrived = arrived;
    this.hungUp = hungUp;
  }

  @Override
  public FlowShape<ByteString, ByteString> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new GraphStageLogic(shape) {
      {
        setHandler(in, new AbstractInHandler() {
          @Override
          public void onPush() {
            arrived.accept(System.nanoTime());
            push(out, grab(in));
          }

          @Override
          public void onUpstreamFinish() {
            hungUp.run();
            completeStage();
          }

          @Override
          public void onUpstreamFailure(Throwable failure) {
            hungUp.run();
            failStage(failure);
          }
        });
        setHandler(out, new AbstractOutHandler() {
          @Override
          public void onPull() {
            pull(in);
          }
        });
      }
    };
  }
}
