package io.coxswain.apiserver;

import com.typesafe.config.Config;
import io.coxswain.api.ApiException;
import io.coxswain.apiserver.limits.ApiLimits;
import io.coxswain.apiserver.limits.BodyBudget;
import io.coxswain.apiserver.limits.Connection;
import io.coxswain.apiserver.limits.Connections;
import io.coxswain.apiserver.limits.InFlight;
import io.coxswain.apiserver.logs.PodLogs;
import io.coxswain.node.runtime.LogReader;
import io.coxswain.store.StoreClient;
import org.apache.pekko.actor.typed.DispatcherSelector;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Query;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.stream.Materializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes-compatible HTTP API of one member: reads the request, routes it, and answers
 * every failure with a Kubernetes {@code Status}. Binds 127.0.0.1 unless told otherwise.
 */
public final class ApiServer {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  private final ApiListener binding;
  private final String url;

  private ApiServer(ApiListener binding, String url) {
    this.binding = binding;
    this.url = url;
  }

  /**
   * Binds the API. {@code localLogs} reads the logs of pods on this member's node (null when its
   * runtime keeps none); logs of pods elsewhere are forwarded to their member.
   */
  public static ApiServer start(ActorSystem<?> system, io.coxswain.registry.Registry registry, Config config,
      Clock clock, String nodeName, LogReader localLogs) throws Exception {
    StoreClient store = registry.store();
    String address = config.getString("coxswain.api.address");
    int port = config.getInt("coxswain.api.port");
    PodLogs logs = new PodLogs(store.cache(), nodeName, localLogs, system,
        system.dispatchers().lookup(DispatcherSelector.blocking()), clock);
    Routes routes = new Routes(registry, logs, config.getDuration("coxswain.api.min-request-timeout"));
    ApiLimits limits = ApiLimits.from(config);
    Connections connections = new Connections(limits.maxConnections(), limits.idleTimeout(), limits.headerTimeout());
    Handler handler = new Handler(routes, new ResponseEncoder(clock), Materializer.matFromSystem(system),
        config.getLong("coxswain.api.max-body-bytes"), limits,
        new BodyBudget(limits.bodyBytes(), limits.bodyBytesPerClient(), limits.smallBodyBytes()),
        new InFlight(limits.maxReadOnly(), limits.maxMutating(), limits.maxLongRunning()), connections,
        new java.util.concurrent.atomic.AtomicLong());
    ApiListener listener = ApiListener.bind(system, address, port, connections, handler::handle)
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
    org.apache.pekko.actor.CoordinatedShutdown.get(system).addTask(
        org.apache.pekko.actor.CoordinatedShutdown.PhaseServiceUnbind(), "api-unbind",
        () -> listener.unbind(system).thenApply(x -> org.apache.pekko.Done.getInstance()));
    String host = listener.localAddress().getHostString();
    String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + listener.localAddress().getPort();
    routes.setServerAddress(host + ":" + listener.localAddress().getPort());
    return new ApiServer(listener, url);
  }

  public String url() {
    return url;
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  /**
   * Admits, reads and routes one request, and maps failures to Status responses. In order: the
   * size limit (413), the body budget (429, before a byte of the body is read), the body itself
   * within the body timeout (408), a seat of the request's kind (429), then the route. A slow
   * uploader therefore holds memory it was granted but no seat.
   */
  private record Handler(Routes routes, ResponseEncoder encoder, Materializer materializer, long maxBody,
                         ApiLimits limits, BodyBudget bodies, InFlight inFlight, Connections connections,
                         java.util.concurrent.atomic.AtomicLong rejected) {
    CompletionStage<HttpResponse> handle(HttpRequest request, Connection connection) {
      long number = connection.requestStarted(System.nanoTime());
      CompletionStage<HttpResponse> response;
      try {
        response = admit(request, connection, number);
      } catch (ApiException refused) {
        if (refused.code() == 429) {
          rejected.incrementAndGet();
        }
        response = refused.code() == 413 ? refuseAfterReading(request, refused)
            : CompletableFuture.completedFuture(refusal(request, refused, false));
      } catch (RuntimeException bug) {
        // Anything else is ours: a 500 Status, not a connection torn down without an answer.
        response = CompletableFuture.completedFuture(refusal(request, toApiException(bug, maxBody, null), true));
      }
      return response.thenApply(r -> whenSent(r, connection, number));
    }

    private CompletionStage<HttpResponse> admit(HttpRequest request, Connection connection, long number) {
      String accept = request.getHeader("Accept").map(h -> h.value()).orElse("");
      // Some clients (fabric8) watch over a WebSocket: same events, one per text frame.
      Optional<WebSocketUpgrade> upgrade = request.getAttribute(AttributeKeys.webSocketUpgrade);
      if (request.entity().getContentLengthOption().orElse(0L) > maxBody) {
        throw tooLarge(maxBody);
      }
      Optional<String> raw = request.getHeader("Raw-Request-URI").map(h -> h.value());
      if (raw.isPresent() && RequestPath.hasDotSegment(raw.get())) {
        throw new ApiException(io.coxswain.api.Status.failure(404, "NotFound",
            "the server could not find the requested resource", null));
      }
      if (request.getUri().path().equals("/openapi/v2") && accept.contains("com.github.proto-openapi.spec.v2")
          && request.method().value().equals("GET")) {
        // kubectl's client-side validation asks for gnostic protobuf.
        request.discardEntityBytes(materializer);
        return CompletableFuture.completedFuture(HttpResponse.create().withEntity(
            org.apache.pekko.http.javadsl.model.ContentTypes.create(
                org.apache.pekko.http.javadsl.model.MediaTypes.applicationBinary(
                    io.coxswain.apiserver.openapi.OpenApiV2Protobuf.RETURNED_SUBTYPE, false)),
            io.coxswain.apiserver.openapi.OpenApiV2Protobuf.bytes()));
      }
      if (request.getUri().path().equals("/metrics") && request.method().value().equals("GET")) {
        // Outside the seats, so that an overloaded server can still say why.
        return CompletableFuture.completedFuture(HttpResponse.create().withEntity(
            org.apache.pekko.http.javadsl.model.ContentTypes.TEXT_PLAIN_UTF8,
            io.coxswain.apiserver.limits.LimitMetrics.text(inFlight, bodies, connections, rejected.get())));
      }
      long declared = request.entity() instanceof HttpEntity.Strict strict ? strict.getData().size()
          : request.entity().getContentLengthOption().orElse(maxBody);
      BodyBudget.Reservation reservation = bodies.tryReserve(connection.client(), declared);
      if (reservation == null) {
        throw RequestKinds.tooManyRequests();
      }
      InFlight.Kind kind = RequestKinds.of(request, upgrade.isPresent());
      java.util.concurrent.atomic.AtomicBoolean bodyRead = new java.util.concurrent.atomic.AtomicBoolean();
      CompletionStage<HttpEntity.Strict> body;
      try {
        body = strictEntity(request);
      } catch (RuntimeException e) {
        reservation.release();
        throw e;
      }
      return body
          .thenCompose(strict -> {
            bodyRead.set(true);
            InFlight.Seat seat = inFlight.tryAcquire(kind);
            if (seat == null) {
              rejected.incrementAndGet();
              throw RequestKinds.tooManyRequests();
            }
            connection.hold(number, seat::release);
            if (kind == InFlight.Kind.LONG_RUNNING) {
              connection.streaming(number, System.nanoTime());
            }
            ApiCall call = new ApiCall(request.method().value(), request.getUri().path(), query(request.getUri().query()),
                declaredContentType(strict), accept, strict.getData().toArray(),
                request.getHeader("User-Agent").map(h -> h.value()).orElse(""));
            return routes.route(call);
          })
          .whenComplete((done, failure) -> reservation.release())
          .thenApply(response -> upgrade.isPresent() && response.isWatch()
              ? encoder.encodeWebSocket(response, accept, upgrade.get())
              : encoder.encode(response, accept, includeObject(request)))
          .exceptionally(failure -> refusal(request,
              toApiException(failure, maxBody, bodyRead.get() ? null : limits.bodyTimeout()), true));
    }

    /**
     * A body over the limit is read and dropped before the 413 goes out (up to four times the
     * limit, for at most 10 s): a server that closes while the client still sends makes the client's
     * kernel see a reset, and the client loses the answer. Beyond that bound it is refused at once.
     */
    private CompletionStage<HttpResponse> refuseAfterReading(HttpRequest request, ApiException refused) {
      long length = request.entity().getContentLengthOption().orElse(Long.MAX_VALUE);
      if (request.entity() instanceof HttpEntity.Strict || length > 4 * maxBody) {
        return CompletableFuture.completedFuture(refusal(request, refused, false));
      }
      return request.discardEntityBytes(materializer).completionStage().toCompletableFuture()
          .orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
          .handle((drained, failure) -> refusal(request, refused, true));
    }

    /**
     * A Status answer for a refused or failed request. A body in memory needs nothing more. A body
     * still on the wire is discarded as it arrives (not held: reading it is what was refused) and
     * the connection is closed after the answer; closing without reading could reset the
     * connection before the client has read the answer. A body whose reading had begun (and
     * failed or timed out) cannot be read again: the connection just closes.
     */
    private HttpResponse refusal(HttpRequest request, ApiException failure, boolean bodyStarted) {
      HttpResponse response = ResponseEncoder.error(failure.status());
      if (request.entity() instanceof HttpEntity.Strict) {
        return response;
      }
      if (!bodyStarted) {
        request.discardEntityBytes(materializer);
      }
      return response.addHeader(org.apache.pekko.http.javadsl.model.headers.Connection.create("close"));
    }

    /**
     * The request is over for the limits once its response has been handed over: at once for a
     * body in memory, when the stream ends for a watch or a followed log, when the connection
     * ends for a WebSocket.
     */
    private static HttpResponse whenSent(HttpResponse response, Connection connection, long number) {
      if (response.status().intValue() == 101) {
        connection.streaming(number, System.nanoTime());
        return response;
      }
      if (response.entity() instanceof HttpEntity.Strict) {
        connection.releaseHeld(number);
        connection.responded(number, System.nanoTime());
        return response;
      }
      org.apache.pekko.stream.javadsl.Flow<org.apache.pekko.util.ByteString, org.apache.pekko.util.ByteString, Object>
          watched = org.apache.pekko.stream.javadsl.Flow.<org.apache.pekko.util.ByteString>create()
              .watchTermination((m, done) -> {
                done.whenComplete((ok, failure) -> {
                  connection.releaseHeld(number);
                  connection.responded(number, System.nanoTime());
                });
                return m;
              });
      // A known length stays known (a forwarded log), anything else stays chunked.
      if (response.entity() instanceof org.apache.pekko.http.scaladsl.model.HttpEntity.Default known) {
        return response.withEntity(known.transformDataBytes(known.contentLength(), watched.asScala()));
      }
      return response.withEntity(((org.apache.pekko.http.scaladsl.model.ResponseEntity) response.entity())
          .transformDataBytes(watched.asScala()));
    }

    /**
     * The body in memory. Pekko HTTP hands over bodies that arrived in one piece as Strict
     * entities, already within the size limit checked above; asking those for toStrict would still
     * materialize a stream (an actor) per request, a large share of a small request's cost.
     */
    private CompletionStage<HttpEntity.Strict> strictEntity(HttpRequest request) {
      if (request.entity() instanceof HttpEntity.Strict strict) {
        return CompletableFuture.completedFuture(strict);
      }
      return request.entity().toStrict(limits.bodyTimeout().toMillis(), maxBody, materializer);
    }

    private static Map<String, String> query(Query query) {
      Map<String, String> params = new HashMap<>();
      query.toMap().forEach(params::put);
      return params;
    }

    private static ApiException toApiException(Throwable failure, long maxBody, Duration bodyTimeout) {
      Throwable cause = failure;
      while (cause.getCause() != null && (cause instanceof java.util.concurrent.CompletionException
          || cause instanceof java.util.concurrent.ExecutionException)) {
        cause = cause.getCause();
      }
      if (cause instanceof EntityStreamSizeException
          || cause.getClass().getSimpleName().equals("EntityStreamSizeException")) {
        return tooLarge(maxBody);
      }
      if (cause instanceof org.apache.pekko.http.scaladsl.model.EntityStreamException stream) {
        // The parser's words: "Request too large: ..." past the limit, "Entity stream truncation" when cut short.
        String message = String.valueOf(stream.getMessage());
        return message.contains("too large") ? tooLarge(maxBody)
            : ApiException.badRequest("the request body could not be read: " + message);
      }
      if (cause instanceof java.util.concurrent.TimeoutException && bodyTimeout != null) {
        return RequestKinds.slowBody(bodyTimeout); // only while reading the body: a store timeout is 504 below
      }
      if (!(cause instanceof ApiException)) {
        log.warn("request failed", cause);
      }
      return StoreClient.unwrap(cause);
    }
  }

  private static ApiException tooLarge(long maxBody) {
    return ApiException.tooLarge("Request entity too large: limit is " + maxBody);
  }

  /** A request as read off the wire, before its path is parsed. */
  /** The request's includeObject for Table rows (checked when routed; anything unknown is 400 there). */
  private static io.coxswain.apiserver.table.IncludeObject includeObject(HttpRequest request) {
    try {
      return io.coxswain.apiserver.table.IncludeObject.parse(request.getUri().query().get("includeObject").orElse(null));
    } catch (io.coxswain.api.ApiException invalid) {
      return io.coxswain.apiserver.table.IncludeObject.METADATA;
    }
  }

  /**
   * The body's declared media type, or null when the client sent none: Kubernetes then reads a
   * create or update body as JSON (`kubectl scale --current-replicas` sends its Scale so), while a
   * patch still needs its type. Pekko reports a missing Content-Type as application/octet-stream,
   * a type no Kubernetes client sends.
   */
  private static String declaredContentType(org.apache.pekko.http.javadsl.model.HttpEntity.Strict entity) {
    org.apache.pekko.http.javadsl.model.ContentType type = entity.getContentType();
    if (type.equals(org.apache.pekko.http.javadsl.model.ContentTypes.NO_CONTENT_TYPE)
        || type.equals(org.apache.pekko.http.javadsl.model.ContentTypes.APPLICATION_OCTET_STREAM)) {
      return null;
    }
    return type.toString();
  }

  record ApiCall(String method, String path, Map<String, String> query, String contentType, String accept, byte[] body,
                 String userAgent) {
    ApiCall(String method, String path, Map<String, String> query, String contentType, String accept, byte[] body) {
      this(method, path, query, contentType, accept, body, "");
    }
  }
}
