package io.coxswain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.ApiException;
import io.coxswain.api.Json;
import io.coxswain.api.Status;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.ReplicationController;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The few API calls the {@code cox} client commands make, over HTTP/JSON. A refusal is an
 * {@link ApiException} carrying the server's Status, whose message the commands print.
 */
final class ApiCalls {
  private static final String JSON = "application/json";
  private final String base;
  private final String namespace;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  ApiCalls(ApiTarget target) {
    String server = target.server();
    this.base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    this.namespace = target.namespace();
  }

  String namespace() {
    return namespace;
  }

  ReplicationController getRc(String name) {
    return Json.decode(send("GET", rcPath(name), null), JSON, ReplicationController.class);
  }

  /** Replaces the RC, with its resourceVersion as read: 409 if someone wrote it meanwhile. */
  ReplicationController replaceRc(ReplicationController rc) {
    return Json.decode(send("PUT", rcPath(rc.metadata().name()), Json.encode(rc, false)), JSON,
        ReplicationController.class);
  }

  /** The pods the RC controls (its selector, and its uid as their controller). */
  List<Pod> podsOf(ReplicationController rc) {
    String selector = rc.spec().selector().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
    JsonNode list = Json.decode(send("GET", "/api/v1/namespaces/" + encode(namespace) + "/pods?labelSelector="
        + encode(selector), null), JSON, JsonNode.class);
    List<Pod> pods = new ArrayList<>();
    for (JsonNode item : list.path("items")) {
      Pod pod = Json.convert(item, Pod.class);
      boolean controlled = pod.metadata().ownerReferences() != null && pod.metadata().ownerReferences().stream()
          .anyMatch(o -> Boolean.TRUE.equals(o.controller()) && rc.metadata().uid().equals(o.uid()));
      if (controlled) {
        pods.add(pod);
      }
    }
    return pods;
  }

  private String rcPath(String name) {
    return "/api/v1/namespaces/" + encode(namespace) + "/replicationcontrollers/" + encode(name);
  }

  private byte[] send(String method, String path, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Accept", JSON)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      request.header("Content-Type", JSON);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new ApiException(Status.failure(503, "ServiceUnavailable", "cannot reach the API server at " + base
          + ": " + e.getMessage(), null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(Status.failure(503, "ServiceUnavailable", "interrupted", null));
    }
    if (response.statusCode() >= 300) {
      try {
        throw new ApiException(Json.decode(response.body(), JSON, Status.class));
      } catch (RuntimeException notAStatus) {
        if (notAStatus instanceof ApiException api) {
          throw api;
        }
        throw new ApiException(Status.failure(response.statusCode(), "",
            new String(response.body(), StandardCharsets.UTF_8), null));
      }
    }
    return response.body();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static Map<String, String> mutable(Map<String, String> map) {
    return new java.util.LinkedHashMap<>(map == null ? Map.of() : map);
  }
}
