package io.coxswain.apiserver;

import com.typesafe.config.Config;
import io.coxswain.api.ApiException;
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
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
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

  private final ServerBinding binding;
  private final String url;

  private ApiServer(ServerBinding binding, String url) {
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
    Handler handler = new Handler(routes, new ResponseEncoder(clock), Materializer.matFromSystem(system),
        config.getLong("coxswain.api.max-body-bytes"), config.getDuration("coxswain.api.request-timeout"));
    ServerBinding binding = Http.get(system).newServerAt(address, port).bind(handler::handle)
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
    binding.addToCoordinatedShutdown(Duration.ofSeconds(5), system);
    String host = binding.localAddress().getHostString();
    String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + binding.localAddress().getPort();
    routes.setServerAddress(host + ":" + binding.localAddress().getPort());
    return new ApiServer(binding, url);
  }

  public String url() {
    return url;
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  /** Reads the body within the size limit, routes, and maps failures to Status responses. */
  private record Handler(Routes routes, ResponseEncoder encoder, Materializer materializer, long maxBody,
                         Duration timeout) {
    CompletionStage<HttpResponse> handle(HttpRequest request) {
      String accept = request.getHeader("Accept").map(h -> h.value()).orElse("");
      // Some clients (fabric8) watch over a WebSocket: same events, one per text frame.
      Optional<WebSocketUpgrade> upgrade = request.getAttribute(AttributeKeys.webSocketUpgrade);
      if (request.entity().getContentLengthOption().orElse(0L) > maxBody) {
        request.discardEntityBytes(materializer);
        return CompletableFuture.completedFuture(ResponseEncoder.error(tooLarge(maxBody).status()));
      }
      Optional<String> raw = request.getHeader("Raw-Request-URI").map(h -> h.value());
      if (raw.isPresent() && RequestPath.hasDotSegment(raw.get())) {
        request.discardEntityBytes(materializer);
        return CompletableFuture.completedFuture(ResponseEncoder.error(io.coxswain.api.Status.failure(404, "NotFound",
            "the server could not find the requested resource", null)));
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
      return strictEntity(request)
          .thenCompose(strict -> {
            ApiCall call = new ApiCall(request.method().value(), request.getUri().path(), query(request.getUri().query()),
                declaredContentType(strict), accept, strict.getData().toArray(),
                request.getHeader("User-Agent").map(h -> h.value()).orElse(""));
            return routes.route(call);
          })
          .thenApply(response -> upgrade.isPresent() && response.isWatch()
              ? encoder.encodeWebSocket(response, accept, upgrade.get())
              : encoder.encode(response, accept, includeObject(request)))
          .exceptionally(failure -> ResponseEncoder.error(toApiException(failure, maxBody).status()));
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
      return request.entity().toStrict(timeout.toMillis(), maxBody, materializer);
    }

    private static Map<String, String> query(Query query) {
      Map<String, String> params = new HashMap<>();
      query.toMap().forEach(params::put);
      return params;
    }

    private static ApiException toApiException(Throwable failure, long maxBody) {
      Throwable cause = failure;
      while (cause.getCause() != null && (cause instanceof java.util.concurrent.CompletionException
          || cause instanceof java.util.concurrent.ExecutionException)) {
        cause = cause.getCause();
      }
      if (cause instanceof EntityStreamSizeException
          || cause.getClass().getSimpleName().equals("EntityStreamSizeException")) {
        return tooLarge(maxBody);
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
