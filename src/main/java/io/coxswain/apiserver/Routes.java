package io.coxswain.apiserver;

import io.coxswain.api.ApiException;
import io.coxswain.apiserver.discovery.Discovery;
import io.coxswain.apiserver.logs.PodLogs;
import io.coxswain.apiserver.openapi.OpenApiV2;
import io.coxswain.apiserver.openapi.OpenApiV3;
import io.coxswain.store.StoreClient;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Which handler answers which method and path. */
final class Routes {
  private final StoreClient store;
  private final ReadHandler reads;
  private final WriteHandler writes;
  private final SubresourceHandler subresources;
  private final PodLogs logs;
  private volatile String serverAddress = "127.0.0.1:8001";

  Routes(io.coxswain.registry.Registry registry, PodLogs logs) {
    this(registry, logs, ReadHandler.DEFAULT_MIN_REQUEST_TIMEOUT);
  }

  /** @param minRequestTimeout a watch without timeoutSeconds ends after between this and twice this */
  Routes(io.coxswain.registry.Registry registry, PodLogs logs, java.time.Duration minRequestTimeout) {
    this.store = registry.store();
    this.logs = logs;
    this.reads = new ReadHandler(store.cache(), minRequestTimeout);
    this.writes = new WriteHandler(registry);
    this.subresources = new SubresourceHandler(registry);
  }

  void setServerAddress(String address) {
    this.serverAddress = address;
  }

  CompletionStage<ApiResponse> route(ApiServer.ApiCall call) {
    try {
      Optional<ApiResponse> fixed = nonResource(call);
      if (fixed.isPresent()) {
        return CompletableFuture.completedFuture(fixed.get());
      }
      RequestPath path = RequestPath.parse(call.path()).orElseThrow(() -> notFound(call.path()));
      ApiRequest request = new ApiRequest(call.method(), path, call.query(), call.contentType(), call.accept(), call.body(),
          call.userAgent());
      io.coxswain.apiserver.table.IncludeObject.parse(request.param("includeObject")); // 400 when unknown
      return resource(request);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private Optional<ApiResponse> nonResource(ApiServer.ApiCall call) {
    String path = call.path().endsWith("/") && call.path().length() > 1
        ? call.path().substring(0, call.path().length() - 1) : call.path();
    Object body = switch (path) {
      case "/version" -> Discovery.version();
      case "/healthz", "/livez" -> "ok";
      case "/readyz" -> store.cache().ready() ? "ok" : null;
      case "/api" -> Discovery.apiVersions(serverAddress);
      case "/apis" -> Discovery.apiGroupList();
      case "/api/v1" -> Discovery.coreV1ResourceList();
      case "/openapi/v2" -> OpenApiV2.document();
      case "/openapi/v3" -> OpenApiV3.root();
      case "/openapi/v3/api/v1" -> OpenApiV3.coreV1();
      default -> groupDocument(path);
    };
    if (body == null && path.equals("/readyz")) {
      throw ApiException.unavailable("the watch cache has not loaded the store yet");
    }
    if (body == null) {
      return Optional.empty();
    }
    if (!call.method().equals("GET") && !call.method().equals("HEAD")) {
      throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
    }
    return Optional.of(new ApiResponse.Document(200, body));
  }

  /** /apis/GROUP, /apis/GROUP/VERSION and their OpenAPI v3 documents; null for anything else. */
  private static Object groupDocument(String path) {
    String apis = path.startsWith("/apis/") ? path.substring("/apis/".length())
        : path.startsWith("/openapi/v3/apis/") ? path.substring("/openapi/v3/apis/".length()) : null;
    if (apis == null) {
      return null;
    }
    String[] gv = apis.split("/");
    if (path.startsWith("/openapi/")) {
      return gv.length == 2 ? OpenApiV3.groupVersion(gv[0], gv[1]) : null;
    }
    return gv.length == 1 ? Discovery.apiGroup(gv[0]) : gv.length == 2 ? Discovery.resourceList(gv[0], gv[1]) : null;
  }

  private CompletionStage<ApiResponse> resource(ApiRequest request) {
    RequestPath path = request.path();
    String sub = path.subresource();
    switch (request.method()) {
      case "GET":
        if (path.isCollection()) {
          return reads.listAsync(request);
        }
        if ("scale".equals(sub)) {
          return now(subresources.getScale(request));
        }
        if ("log".equals(sub) && path.resource().name().equals("pods")) {
          return logs.logs(path.namespace(), path.name(), request.query()).thenApply(Routes::logAnswer);
        }
        if (sub == null || "status".equals(sub)) {
          return now(reads.get(request));
        }
        break;
      case "POST":
        if (path.isCollection()) {
          return writes.create(request);
        }
        if ("binding".equals(sub)) {
          return subresources.bind(request);
        }
        break;
      case "PUT":
        if ("scale".equals(sub)) {
          return subresources.updateScale(request);
        }
        if (!path.isCollection() && (sub == null || "status".equals(sub) || "finalize".equals(sub))) {
          return writes.update(request);
        }
        break;
      case "PATCH":
        if ("scale".equals(sub)) {
          return subresources.patchScale(request);
        }
        if (!path.isCollection() && (sub == null || "status".equals(sub))) {
          return writes.patch(request);
        }
        break;
      case "DELETE":
        if (path.isCollection()) {
          return writes.deleteCollection(request, reads);
        }
        if (sub == null) {
          return writes.delete(request);
        }
        break;
      default:
        break;
    }
    throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
  }

  private static ApiResponse logAnswer(PodLogs.Answer answer) {
    if (answer instanceof PodLogs.Stream stream) {
      return new ApiResponse.Text(stream.body());
    }
    return new ApiResponse.Forwarded(((PodLogs.Forwarded) answer).response());
  }

  private static CompletionStage<ApiResponse> now(ApiResponse response) {
    return CompletableFuture.completedFuture(response);
  }

  private static ApiException notFound(String path) {
    return new ApiException(io.coxswain.api.Status.failure(404, "NotFound",
        "the server could not find the requested resource", null));
  }
}
