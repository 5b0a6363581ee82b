package io.coxswain.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.api.ApiResource;
import io.coxswain.api.ApiResources;
import io.coxswain.api.Json;
import io.coxswain.api.KubeObject;
import io.coxswain.api.Status;
import io.coxswain.apiserver.table.IncludeObject;
import io.coxswain.apiserver.table.TableBuilder;
import io.coxswain.store.ChangeType;
import io.coxswain.store.WatchEvent;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/** Turns handler answers into HTTP responses in the format the client accepts. */
final class ResponseEncoder {
  private static final ObjectMapper JSON = Json.json();
  private static final ContentType YAML_TYPE =
      ContentTypes.create(MediaTypes.applicationWithOpenCharset("yaml"), org.apache.pekko.http.javadsl.model.HttpCharsets.UTF_8);
  /** Items per chunk of a streamed list: big lists are never held as one byte array. */
  private static final int LIST_CHUNK = 256;

  private final Clock clock;

  ResponseEncoder(Clock clock) {
    this.clock = clock;
  }

  HttpResponse encode(ApiResponse response, String accept) {
    return encode(response, accept, IncludeObject.METADATA);
  }

  /** @param include what Table rows carry besides their cells (the request's includeObject) */
  HttpResponse encode(ApiResponse response, String accept, IncludeObject include) {
    io.coxswain.apiserver.MediaTypes.Format format = io.coxswain.apiserver.MediaTypes.negotiate(accept);
    if (response instanceof ApiResponse.Forwarded forwarded) {
      return forwarded.response();
    }
    if (response instanceof ApiResponse.Text text) {
      return HttpResponse.create().withStatus(StatusCodes.OK)
          .withEntity(HttpEntities.createChunked(ContentTypes.TEXT_PLAIN_UTF8, text.body()));
    }
    if (response instanceof ApiResponse.WatchError error) {
      return HttpResponse.create().withStatus(StatusCodes.OK).withEntity(HttpEntities.createChunked(
          ContentTypes.APPLICATION_JSON, Source.single(watchError(error.status()))));
    }
    if (response instanceof ApiResponse.Watch watch) {
      return watch(watch, format == io.coxswain.apiserver.MediaTypes.Format.TABLE);
    }
    if (format == io.coxswain.apiserver.MediaTypes.Format.TABLE) {
      if (response instanceof ApiResponse.Many many) {
        return strict(200, TableBuilder.table(many.resource(), many.items(), Long.toString(many.revision()),
            many.continueToken(), include, clock), false);
      }
      if (response instanceof ApiResponse.One one && one.object() instanceof KubeObject object
          && ApiResources.all().contains(one.resource())) {
        return withWarnings(strict(one.code(), TableBuilder.table(one.resource(), List.of(object),
            object.metadata().resourceVersion(), null, include, clock), false), one.warnings());
      }
    }
    boolean yaml = format == io.coxswain.apiserver.MediaTypes.Format.YAML;
    if (response instanceof ApiResponse.Many many) {
      return yaml ? strict(200, listDocument(many), true) : streamedList(many);
    }
    if (response instanceof ApiResponse.One one) {
      return withWarnings(strict(one.code(), one.object(), yaml), one.warnings());
    }
    ApiResponse.Document document = (ApiResponse.Document) response;
    if (document.body() instanceof String text) {
      return HttpResponse.create().withStatus(StatusCodes.get(document.code()))
          .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, text));
    }
    return strict(document.code(), document.body(), yaml && document.body() instanceof Status);
  }

  /** A watch answered over a WebSocket: each event is one text frame. */
  HttpResponse encodeWebSocket(ApiResponse response, String accept, WebSocketUpgrade upgrade) {
    boolean table = io.coxswain.apiserver.MediaTypes.negotiate(accept) == io.coxswain.apiserver.MediaTypes.Format.TABLE;
    Source<Message, ?> frames;
    if (response instanceof ApiResponse.WatchError error) {
      frames = Source.single(TextMessage.create(watchError(error.status()).utf8String()));
    } else {
      ApiResponse.Watch watch = (ApiResponse.Watch) response;
      frames = watch.events().map(event -> (Message) TextMessage.create(
          new String(watchLine(watch.resource(), event, table), java.nio.charset.StandardCharsets.UTF_8)));
    }
    return upgrade.handleMessagesWith(Sink.ignore(), frames);
  }

  /**
   * One {@code Warning: 299 - "text"} header per warning, as Kubernetes sends them (RFC 7234 code
   * 299, agent "-", the text quoted); clients such as kubectl print each as "Warning: text".
   */
  private static HttpResponse withWarnings(HttpResponse response, List<String> warnings) {
    if (warnings.isEmpty()) {
      return response;
    }
    List<org.apache.pekko.http.javadsl.model.HttpHeader> headers = new java.util.ArrayList<>();
    for (String warning : warnings) {
      String quoted = warning.replace("\\", "\\\\").replace("\"", "\\\"");
      headers.add(org.apache.pekko.http.javadsl.model.headers.RawHeader.create("Warning", "299 - \"" + quoted + "\""));
    }
    return response.addHeaders(headers);
  }

  /** The Status as JSON, with {@code Retry-After} when it says when to retry (429, 503), as Kubernetes sends. */
  static HttpResponse error(Status status) {
    HttpResponse response = strict(status.code(), status, false);
    if (status.details() != null && status.details().retryAfterSeconds() != null) {
      response = response.addHeader(org.apache.pekko.http.javadsl.model.headers.RawHeader.create("Retry-After",
          String.valueOf(status.details().retryAfterSeconds())));
    }
    return response;
  }

  private static HttpResponse strict(int code, Object body, boolean yaml) {
    byte[] bytes = Json.encode(body, yaml);
    return HttpResponse.create()
        .withStatus(StatusCodes.get(code))
        .withEntity(HttpEntities.create(yaml ? YAML_TYPE : ContentTypes.APPLICATION_JSON, bytes));
  }

  private static Map<String, Object> listDocument(ApiResponse.Many many) {
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("kind", many.resource().listKind());
    list.put("apiVersion", many.resource().apiVersion());
    list.put("metadata", listMeta(many));
    list.put("items", many.items());
    return list;
  }

  private static Map<String, Object> listMeta(ApiResponse.Many many) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("resourceVersion", Long.toString(many.revision()));
    if (many.continueToken() != null) {
      meta.put("continue", many.continueToken());
    }
    if (many.remainingItemCount() != null) {
      meta.put("remainingItemCount", many.remainingItemCount());
    }
    return meta;
  }

  private static HttpResponse streamedList(ApiResponse.Many many) {
    String head;
    try {
      head = "{\"kind\":\"" + many.resource().listKind() + "\",\"apiVersion\":\"" + many.resource().apiVersion()
          + "\",\"metadata\":"
          + JSON.writeValueAsString(listMeta(many)) + ",\"items\":[";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    List<List<KubeObject>> chunks = new ArrayList<>();
    for (int i = 0; i < many.items().size(); i += LIST_CHUNK) {
      chunks.add(many.items().subList(i, Math.min(many.items().size(), i + LIST_CHUNK)));
    }
    Source<ByteString, ?> body = Source.single(ByteString.fromString(head))
        .concat(Source.from(chunks).zipWithIndex()
            .map(chunk -> ByteString.fromArrayUnsafe(encodeItems(chunk.first(), chunk.second() == 0))))
        .concat(Source.single(ByteString.fromString("]}")));
    return HttpResponse.create().withStatus(StatusCodes.OK)
        .withEntity(HttpEntities.createChunked(ContentTypes.APPLICATION_JSON, body));
  }

  private static byte[] encodeItems(List<KubeObject> items, boolean first) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(items.size() * 1024);
    try {
      for (int i = 0; i < items.size(); i++) {
        if (i > 0 || !first) {
          out.write(',');
        }
        JSON.writeValue(out, items.get(i));
      }
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private HttpResponse watch(ApiResponse.Watch watch, boolean table) {
    Source<ByteString, ?> body = watch.events().map(event -> ByteString.fromArrayUnsafe(watchLine(watch.resource(), event, table)));
    return HttpResponse.create().withStatus(StatusCodes.OK)
        .withEntity(HttpEntities.createChunked(ContentTypes.APPLICATION_JSON, body));
  }

  /** One line of a watch stream: {@code {"type":"ADDED","object":{...}}}. */
  private byte[] watchLine(ApiResource resource, WatchEvent event, boolean table) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("type", event.type().name());
    if (event.type() == ChangeType.BOOKMARK) {
      line.put("object", Map.of("kind", resource.kind(), "apiVersion", resource.apiVersion(),
          "metadata", Map.of("resourceVersion", Long.toString(event.revision()))));
    } else if (table) {
      ObjectNode rows = TableBuilder.table(resource, List.of(event.object()), Long.toString(event.revision()), null, clock);
      line.put("object", rows);
    } else {
      line.put("object", event.object());
    }
    try {
      byte[] json = JSON.writeValueAsBytes(line);
      byte[] withNewline = java.util.Arrays.copyOf(json, json.length + 1);
      withNewline[json.length] = '\n';
      return withNewline;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ERROR event that ends a watch, as Kubernetes sends a 410 Gone inside the stream. */
  static ByteString watchError(Status status) {
    try {
      return ByteString.fromString(JSON.writeValueAsString(Map.of("type", "ERROR", "object", status)) + "\n");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
