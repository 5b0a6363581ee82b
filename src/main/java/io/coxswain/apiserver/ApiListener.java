package io.coxswain.apiserver;

import io.coxswain.apiserver.limits.Connection;
import io.coxswain.apiserver.limits.Connections;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.TLSProtocol;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.TLSPlacebo;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * Accepts the API's TCP connections and runs Pekko HTTP's server layer on each, with the
 * connection limits of {@link Connections}: every connection gets a kill switch and a watch on its
 * incoming bytes (the start of a request's headers), and a sweep once a second closes those past
 * their idle or header timeout. Pekko HTTP's own idle timeout cannot serve here: it counts bytes
 * in both directions, so it would cut a quiet watch as readily as an abandoned socket.
 */
final class ApiListener {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiListener.class);
  /** How long a stopping server lets requests being served finish. */
  private static final Duration DRAIN = Duration.ofSeconds(5);

  private final Tcp.ServerBinding binding;
  private final Cancellable sweeper;
  private final Connections connections;

  private ApiListener(Tcp.ServerBinding binding, Cancellable sweeper, Connections connections) {
    this.binding = binding;
    this.sweeper = sweeper;
    this.connections = connections;
  }

  /**
   * Binds {@code address:port} and serves each request with {@code handler} (one request at a
   * time per connection, as Pekko HTTP without pipelining).
   */
  static CompletionStage<ApiListener> bind(ActorSystem<?> system, String address, int port, Connections connections,
      BiFunction<HttpRequest, Connection, CompletionStage<HttpResponse>> handler) {
    Materializer materializer = Materializer.matFromSystem(system);
    ServerSettings settings = ServerSettings.create(system.settings().config());
    Source<Tcp.IncomingConnection, CompletionStage<Tcp.ServerBinding>> incoming = Tcp.get(system)
        .bind(address, port, 1024, List.of(), false, Optional.empty());
    CompletionStage<Tcp.ServerBinding> bound = incoming
        .to(Sink.foreach(tcp -> {
          try {
            serve(system, materializer, settings, connections, handler, tcp);
          } catch (RuntimeException e) {
            // One connection that cannot be served must not end the accepting stream.
            log.warn("could not serve a connection from {}", tcp.remoteAddress(), e);
          }
        }))
        .run(materializer);
    return bound.thenApply(binding -> {
      Cancellable sweeper = system.scheduler().scheduleAtFixedRate(Duration.ofSeconds(1), Duration.ofSeconds(1),
          () -> connections.sweep(System.nanoTime()), system.executionContext());
      return new ApiListener(binding, sweeper, connections);
    });
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void serve(ActorSystem<?> system, Materializer materializer, ServerSettings settings,
      Connections connections, BiFunction<HttpRequest, Connection, CompletionStage<HttpResponse>> handler,
      Tcp.IncomingConnection tcp) {
    InetSocketAddress remote = tcp.remoteAddress();
    Optional<Connection> admitted = connections.open(remote.getAddress().getHostAddress(), System.nanoTime());
    if (admitted.isEmpty()) {
      tcp.handleWith(Flow.fromSinkAndSource(Sink.cancelled(), Source.<ByteString>empty()), materializer);
      return;
    }
    Connection connection = admitted.get();
    BidiFlow<HttpResponse, TLSProtocol.SslTlsOutbound, TLSProtocol.SslTlsInbound, HttpRequest, NotUsed> http =
        Http.get(system).serverLayer(settings, Optional.of(remote));
    BidiFlow<TLSProtocol.SslTlsOutbound, ByteString, ByteString, TLSProtocol.SslTlsInbound, NotUsed> plain =
        (BidiFlow) TLSPlacebo.getInstance();
    BidiFlow<ByteString, ByteString, ByteString, ByteString, NotUsed> watchBytes = BidiFlow.fromFlows(
        Flow.<ByteString>create(),
        Flow.fromGraph(new ClientBytes(connection::bytesIn, () -> {
          // The client hung up. A watch or a followed log would notice only at its next write
          // (perhaps never, on a quiet resource) and hold its seat meanwhile; Go's server cancels
          // such a request at once.
          if (connection.phase() == Connection.Phase.STREAMING) {
            connection.close();
          }
        })));
    BidiFlow<ByteString, ByteString, ByteString, ByteString, UniqueKillSwitch> killSwitch =
        BidiFlow.fromGraph(KillSwitches.singleBidi());
    BidiFlow<HttpResponse, ByteString, ByteString, HttpRequest, UniqueKillSwitch> layers =
        http.atop(plain).atop(watchBytes).atop(killSwitch, Keep.right());
    Flow<HttpRequest, HttpResponse, NotUsed> requests = Flow.<HttpRequest>create()
        .mapAsync(1, request -> handler.apply(request, connection));
    Flow<ByteString, ByteString, UniqueKillSwitch> server = layers.reversed().join(requests, Keep.left());
    UniqueKillSwitch kill = tcp.handleWith(server.watchTermination((ks, done) -> {
      done.whenComplete((ok, failure) -> connections.closed(connection));
      return ks;
    }), materializer);
    connection.closeWith(kill::shutdown);
  }

  InetSocketAddress localAddress() {
    return binding.localAddress();
  }

  /**
   * Stops accepting, closes idle connections and streams (watches and follows end; clients watch
   * again elsewhere), lets requests being served finish for up to 5 s, then closes the rest.
   */
  CompletionStage<?> unbind(ActorSystem<?> system) {
    sweeper.cancel();
    connections.drain();
    return binding.unbind().thenCompose(unbound -> {
      connections.closeAllBut(Connection.Phase.BUSY);
      java.util.concurrent.CompletableFuture<Void> drained = new java.util.concurrent.CompletableFuture<>();
      long deadline = System.nanoTime() + DRAIN.toNanos();
      // The first check may run before scheduleAtFixedRate returns: cancel once both are done.
      Cancellable check = system.scheduler().scheduleAtFixedRate(Duration.ZERO, Duration.ofMillis(50), () -> {
        if (!drained.isDone() && (connections.count(Connection.Phase.BUSY) == 0 || System.nanoTime() > deadline)) {
          connections.closeAll();
          drained.complete(null);
        }
      }, system.executionContext());
      drained.whenComplete((done, failure) -> check.cancel());
      return drained;
    });
  }
}
