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
import java.util.List;
import java.util.function.Predicate;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/** GET: one object, a list (paged), or a watch — all served from this node's watch cache. */
final class ReadHandler {
  /** Kubernetes' --min-request-timeout. */
  static final Duration DEFAULT_MIN_REQUEST_TIMEOUT = Duration.ofMinutes(30);

  private final WatchCache cache;
  private final ContinueTokens continueTokens = new ContinueTokens();
  private final Duration minRequestTimeout;

  ReadHandler(WatchCache cache) {
    this(cache, DEFAULT_MIN_REQUEST_TIMEOUT);
  }

  /**
   * @param minRequestTimeout a watch that gives no timeoutSeconds ends after a random time between
   *     this and twice this, as Kubernetes' API server ends it (clients watch again from the last
   *     revision they saw); so a watch whose client went away without the server noticing ends too
   */
  ReadHandler(WatchCache cache, Duration minRequestTimeout) {
    this.cache = cache;
    this.minRequestTimeout = minRequestTimeout;
  }

  ApiResponse get(ApiRequest request) {
    RequestPath path = request.path();
    KubeObject object = cache.view().get(key(path));
    if (object == null) {
      throw ApiException.notFound(path.resource().kind(), path.resource().name(), path.name());
    }
    return new ApiResponse.One(200, path.resource(), object);
  }

  /** How long a list waits for this cache to reach a revision it asks for (Kubernetes' 3 s). */
  private static final Duration REVISION_WAIT = Duration.ofSeconds(3);

  /**
   * A list or watch, reading the revision the request asks for ({@link ListOptions}): waits (at
   * most 3 s, then 504) for a revision this cache has not reached yet.
   */
  java.util.concurrent.CompletionStage<ApiResponse> listAsync(ApiRequest request) {
    boolean watch = request.flag("watch");
    ListOptions options = ListOptions.parse(request, watch);
    String token = request.param("continue");
    long current = cache.view().revision();
    if (watch || !options.waits() || options.revision() <= current || (token != null && !token.isEmpty())) {
      return java.util.concurrent.CompletableFuture.completedFuture(list(request, options));
    }
    return cache.awaitRevision(options.revision()).toCompletableFuture()
        .orTimeout(REVISION_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .handle((reached, failure) -> {
          if (failure != null) {
            throw ListOptions.tooLarge(options.revision(), cache.view().revision());
          }
          return list(request, options);
        });
  }

  /** A list at the current state (deletecollection). */
  ApiResponse list(ApiRequest request) {
    return list(request, ListOptions.LATEST);
  }

  private ApiResponse list(ApiRequest request, ListOptions options) {
    RequestPath path = request.path();
    ApiResource resource = path.resource();
    Predicate<KubeObject> filter = Selection.of(resource, request);
    if (request.flag("watch")) {
      return watch(request, filter);
    }
    boolean counted = isEmpty(request.param("labelSelector")) && isEmpty(request.param("fieldSelector"));
    int limit = parseLimit(request.param("limit"));
    CacheView view;
    ResourceKey after = null;
    String token = request.param("continue");
    if (token != null && !token.isEmpty()) {
      ContinueTokens.Position position = continueTokens.resume(token, resource.name());
      if (position.view() == null) {
        return exact(resource, path.namespace(), position.exactRevision(), position.after(), limit, filter, counted);
      }
      view = position.view();
      after = position.after();
    } else if (options.exact()) {
      return exact(resource, path.namespace(), options.revision(), null, limit, filter, counted);
    } else {
      view = cache.view();
    }
    CacheView.Page page = view.list(resource.name(), path.namespace(), after, limit, filter);
    String next = page.continueAfter() == null ? null : continueTokens.issue(view, page.continueAfter());
    Long remaining = next == null || !counted ? null
        : (long) view.list(resource.name(), path.namespace(), page.continueAfter(), 0, filter).items().size();
    return new ApiResponse.Many(resource, page.items(), view.revision(), next, remaining);
  }

  /** A page of the list as it was at exactly {@code revision}, from the watch window. */
  private ApiResponse exact(ApiResource resource, String namespace, long revision, ResourceKey after, int limit,
      Predicate<KubeObject> filter, boolean counted) {
    List<KubeObject> all = cache.listAt(revision, resource.name(), namespace, filter);
    int from = 0;
    if (after != null) {
      while (from < all.size() && keyOf(resource, all.get(from)).compareTo(after) <= 0) {
        from++;
      }
    }
    int to = limit <= 0 ? all.size() : Math.min(all.size(), from + limit);
    List<KubeObject> items = all.subList(from, to);
    String next = to < all.size() ? continueTokens.issueExact(revision, keyOf(resource, all.get(to - 1))) : null;
    Long remaining = next == null || !counted ? null : (long) (all.size() - to);
    return new ApiResponse.Many(resource, List.copyOf(items), revision, next, remaining);
  }

  private static ResourceKey keyOf(ApiResource resource, KubeObject object) {
    return new ResourceKey(resource.name(), object.metadata().namespace(), object.metadata().name());
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
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
    Duration limit = timeout != null && !timeout.isEmpty()
        ? Duration.ofSeconds(parseNonNegative("timeoutSeconds", timeout))
        : minRequestTimeout.plusMillis((long) (java.util.concurrent.ThreadLocalRandom.current().nextDouble()
            * minRequestTimeout.toMillis()));
    events = events.takeWithin(limit);
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
