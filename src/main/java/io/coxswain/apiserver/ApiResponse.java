package io.coxswain.apiserver;

import io.coxswain.api.ApiResource;
import io.coxswain.api.KubeObject;
import io.coxswain.api.Status;
import io.coxswain.store.WatchEvent;
import java.util.List;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * What a handler answers, before content negotiation: the encoder turns it into JSON, YAML or a
 * server-side Table as the client's Accept header asks.
 */
public sealed interface ApiResponse {
  int code();

  default boolean isWatch() {
    return this instanceof Watch || this instanceof WatchError;
  }

  /**
   * One object of a resource (tables render it as one row), with the warnings the request earned
   * (sent as {@code Warning} headers, e.g. an unknown field under {@code fieldValidation=Warn}).
   */
  record One(int code, ApiResource resource, Object object, List<String> warnings) implements ApiResponse {
    public One {
      warnings = List.copyOf(warnings);
    }

    One(int code, ApiResource resource, Object object) {
      this(code, resource, object, List.of());
    }
  }

  /**
   * A page of a list, at one revision; {@code remainingItemCount} is how many items later pages
   * hold, when that is known (paged, no selector), else null.
   */
  record Many(ApiResource resource, List<KubeObject> items, long revision, String continueToken,
              Long remainingItemCount) implements ApiResponse {
    Many(ApiResource resource, List<KubeObject> items, long revision, String continueToken) {
      this(resource, items, revision, continueToken, null);
    }

    public int code() {
      return 200;
    }
  }

  /** A watch stream. */
  record Watch(ApiResource resource, Source<WatchEvent, NotUsed> events) implements ApiResponse {
    public int code() {
      return 200;
    }
  }

  /** A watch that cannot start (410 Gone): a 200 stream holding one ERROR event, as Kubernetes answers. */
  record WatchError(Status status) implements ApiResponse {
    public int code() {
      return 200;
    }
  }

  /** Plain text streamed as it comes (container logs). */
  record Text(Source<org.apache.pekko.util.ByteString, NotUsed> body) implements ApiResponse {
    public int code() {
      return 200;
    }
  }

  /** Another member's answer, passed through unchanged (logs of a pod that runs there). */
  record Forwarded(org.apache.pekko.http.javadsl.model.HttpResponse response) implements ApiResponse {
    public int code() {
      return response.status().intValue();
    }
  }

  /** A document that is not a resource object: discovery, version, OpenAPI, Status. */
  record Document(int code, Object body) implements ApiResponse {}

  static ApiResponse status(Status status) {
    return new Document(status.code() == null ? 200 : status.code(), status);
  }
}
