package io.coxswain.apiserver;

import io.coxswain.api.ApiException;
import io.coxswain.api.ApiResource;
import io.coxswain.api.KubeObject;
import io.coxswain.store.CacheView;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.WatchCache;
import io.coxswain.store.WatchEvent;
import io.coxswain.store.WatchRequest;
import java.time.Duration;
import java.util.function.Predicate;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/** GET: one object, a list (paged), or a watch — all served from this node's watch cache. */
final class ReadHandler {
  private final WatchCache cache;
  private final ContinueTokens continueTokens = new ContinueTokens();

  ReadHandler(WatchCache cache) {
    this.cache = cache;
  }

  ApiResponse get(ApiRequest request) {
    RequestPath path = request.path();
    KubeObject object = cache.view().get(key(path));
    if (object == null) {
      throw ApiException.notFound(path.resource().kind(), path.resource().name(), path.name());
    }
    return new ApiResponse.One(200, path.resource(), object);
  }

  ApiResponse list(ApiRequest request) {
    RequestPath path = request.path();
    ApiResource resource = path.resource();
    Predicate<KubeObject> filter = Selection.of(resource, request);
    if (request.flag("watch")) {
      return watch(request, filter);
    }
    int limit = parseLimit(request.param("limit"));
    CacheView view;
    ResourceKey after = null;
    String token = request.param("continue");
    if (token != null && !token.isEmpty()) {
      ContinueTokens.Position position = continueTokens.resume(token, resource.name());
      view = position.view();
      after = position.after();
    } else {
      view = cache.view();
    }
    CacheView.Page page = view.list(resource.name(), path.namespace(), after, limit, filter);
    String next = page.continueAfter() == null ? null : continueTokens.issue(view, page.continueAfter());
    return new ApiResponse.Many(resource, page.items(), view.revision(), next);
  }

  private ApiResponse watch(ApiRequest request, Predicate<KubeObject> filter) {
    RequestPath path = request.path();
    long from = parseRevision(request.param("resourceVersion"));
    Source<WatchEvent, NotUsed> events;
    try {
      events = cache.watch(new WatchRequest(path.resource().name(), path.namespace(), filter, from,
          request.flag("allowWatchBookmarks")));
    } catch (ApiException e) {
      if (e.code() == 410) {
        return new ApiResponse.WatchError(e.status());
      }
      throw e;
    }
    String timeout = request.param("timeoutSeconds");
    if (timeout != null && !timeout.isEmpty()) {
      events = events.takeWithin(Duration.ofSeconds(parseNonNegative("timeoutSeconds", timeout)));
    }
    return new ApiResponse.Watch(path.resource(), events);
  }

  static ResourceKey key(RequestPath path) {
    return new ResourceKey(path.resource().name(), path.namespace(), path.name());
  }

  private static int parseLimit(String limit) {
    if (limit == null || limit.isEmpty()) {
      return 0;
    }
    return (int) Math.min(Integer.MAX_VALUE, parseNonNegative("limit", limit));
  }

  /** "" and "0" mean "from now, starting with the current objects"; anything else is a revision. */
  static long parseRevision(String rv) {
    if (rv == null || rv.isEmpty()) {
      return 0;
    }
    return parseNonNegative("resourceVersion", rv);
  }

  private static long parseNonNegative(String name, String value) {
    try {
      long parsed = Long.parseLong(value);
      if (parsed < 0) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid " + name + ": " + value);
    }
  }
}
