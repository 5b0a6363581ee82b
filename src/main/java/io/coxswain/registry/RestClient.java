package io.coxswain.registry;

import io.coxswain.api.ApiException;
import io.coxswain.api.ApiResource;
import io.coxswain.api.ApiResources;
import io.coxswain.api.Json;
import io.coxswain.api.KubeObject;
import io.coxswain.api.Status;
import io.coxswain.store.Deletion;
import io.coxswain.store.ResourceKey;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * The {@link Client} over a Coxswain (or any Kubernetes) API server's HTTP API, for tools and
 * tests: the same operations as a member's {@link LocalClient}, as JSON over the REST paths. An
 * update is a GET and a PUT carrying the read resourceVersion, so a concurrent write makes it
 * 409. Error answers become {@link ApiException}s carrying the server's Status.
 */
public final class RestClient implements Client {
  private static final String JSON = "application/json";

  private final String base;
  private final HttpClient http;
  private final Duration timeout;

  /** @param base the API server's URL, e.g. {@code http://127.0.0.1:6443} */
  public RestClient(String base, Duration timeout) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.timeout = timeout;
  }

  @Override
  public <T extends KubeObject> CompletionStage<T> create(T object) {
    ApiResource resource = resourceOf(object.kind());
    String path = collection(resource, object.metadata().namespace());
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) object.getClass();
    return send("POST", path, Json.encode(object, false)).thenApply(body -> decode(body, type));
  }

  @Override
  public <T extends KubeObject> CompletionStage<T> update(ResourceKey key, Class<T> type, UnaryOperator<T> change) {
    return replace(key, type, change, "");
  }

  @Override
  public <T extends KubeObject> CompletionStage<T> updateStatus(ResourceKey key, Class<T> type,
      UnaryOperator<T> change) {
    return replace(key, type, change, "/status");
  }

  @Override
  public CompletionStage<KubeObject> finalizeNamespace(String name,
      UnaryOperator<io.coxswain.api.core.Namespace> change) {
    return replace(ResourceKey.clusterScoped("namespaces", name), io.coxswain.api.core.Namespace.class, change,
        "/finalize").thenApply(ns -> (KubeObject) ns);
  }

  private <T extends KubeObject> CompletionStage<T> replace(ResourceKey key, Class<T> type, UnaryOperator<T> change,
      String subresource) {
    return get(key, type).thenCompose(current -> {
      if (current.isEmpty()) {
        return CompletableFuture.failedFuture(ApiException.notFound(type.getSimpleName(), key.resource(), key.name()));
      }
      T wanted = change.apply(current.get());
      if (wanted == null) {
        return CompletableFuture.completedFuture(current.get());
      }
      // The read version travels with the write: the server answers 409 if it moved meanwhile.
      KubeObject body = wanted.withMetadata(wanted.metadata().withResourceVersion(
          current.get().metadata().resourceVersion()));
      return send("PUT", object(key) + subresource, Json.encode(body, false)).thenApply(b -> decode(b, type));
    });
  }

  @Override
  public CompletionStage<KubeObject> delete(ResourceKey key, Deletion.Options options) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", "DeleteOptions");
    body.put("apiVersion", "v1");
    if (options.gracePeriodSeconds() != null) {
      body.put("gracePeriodSeconds", options.gracePeriodSeconds());
    }
    if (options.propagationPolicy() != null) {
      body.put("propagationPolicy", options.propagationPolicy());
    }
    Map<String, Object> preconditions = new LinkedHashMap<>();
    if (options.uid() != null) {
      preconditions.put("uid", options.uid());
    }
    if (options.resourceVersion() != null) {
      preconditions.put("resourceVersion", options.resourceVersion());
    }
    if (!preconditions.isEmpty()) {
      body.put("preconditions", preconditions);
    }
    Class<? extends KubeObject> type = resourceNamed(key.resource()).type();
    return send("DELETE", object(key), Json.encode(body, false)).thenApply(b -> decode(b, type));
  }

  @Override
  public CompletionStage<KubeObject> finishDeletion(ResourceKey key, String uid) {
    return delete(key, new Deletion.Options(0L, null, uid, null));
  }

  @Override
  public CompletionStage<KubeObject> bind(ResourceKey key, String uid, String node) {
    Map<String, Object> binding = Map.of("kind", "Binding", "apiVersion", "v1",
        "metadata", uid == null ? Map.of("name", key.name()) : Map.of("name", key.name(), "uid", uid),
        "target", Map.of("kind", "Node", "name", node));
    return send("POST", object(key) + "/binding", Json.encode(binding, false))
        .thenCompose(ignored -> get(key, KubeObject.class)).thenApply(Optional::orElseThrow);
  }

  @Override
  public <T extends KubeObject> CompletionStage<Optional<T>> get(ResourceKey key, Class<T> type) {
    Class<? extends KubeObject> concrete = resourceNamed(key.resource()).type();
    return send("GET", object(key), null).handle((body, failure) -> {
      if (failure == null) {
        return Optional.of(type.cast(decode(body, concrete)));
      }
      ApiException error = io.coxswain.store.StoreClient.unwrap(failure);
      if (error.code() == 404) {
        return Optional.<T>empty();
      }
      throw error;
    });
  }

  private CompletableFuture<byte[]> send(String method, String path, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
        .header("Accept", JSON)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      request.header("Content-Type", JSON);
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
      if (response.statusCode() >= 300) {
        throw failure(response.statusCode(), response.body());
      }
      return response.body();
    });
  }

  private static ApiException failure(int code, byte[] body) {
    try {
      return new ApiException(Json.decode(body, JSON, Status.class));
    } catch (RuntimeException notAStatus) {
      return new ApiException(Status.failure(code, "", new String(body, StandardCharsets.UTF_8), null));
    }
  }

  private static <T> T decode(byte[] body, Class<T> type) {
    return Json.decode(body, JSON, type);
  }

  private static ApiResource resourceOf(String kind) {
    return ApiResources.byKind(kind).orElseThrow(() -> ApiException.badRequest("no kind \"" + kind + "\" is served"));
  }

  private static ApiResource resourceNamed(String name) {
    return ApiResources.all().stream().filter(r -> r.name().equals(name)).findFirst()
        .orElseThrow(() -> ApiException.badRequest("no resource \"" + name + "\" is served"));
  }

  private static String collection(ApiResource resource, String namespace) {
    return resource.namespaced() ? resource.pathPrefix() + "/namespaces/" + encode(namespace) + "/" + resource.name()
        : resource.pathPrefix() + "/" + resource.name();
  }

  private static String object(ResourceKey key) {
    ApiResource resource = resourceNamed(key.resource());
    return collection(resource, key.namespace()) + "/" + encode(key.name());
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
