package io.coxswain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Which API server and namespace a {@code cox} client command talks to: {@code --server} and
 * {@code --namespace}, else the current context of the kubeconfig kubectl would read
 * ({@code $KUBECONFIG}, else {@code ~/.kube/config}), else {@code http://127.0.0.1:8001} and
 * {@code default} (what {@code cox server} serves). So {@code cox} run as a kubectl plugin talks to
 * the cluster kubectl talks to.
 */
final class ApiTarget {
  static final String DEFAULT_SERVER = "http://127.0.0.1:8001";

  @Option(names = "--server", description = "The API server's URL. Default: the kubeconfig's current context, "
      + "else " + DEFAULT_SERVER)
  String server;

  @Option(names = {"-n", "--namespace"}, description = "The namespace. Default: the kubeconfig's, else default")
  String namespace;

  String server() {
    if (server != null) {
      return server;
    }
    JsonNode cluster = currentContextPart("cluster", "clusters");
    String fromConfig = cluster == null ? null : cluster.path("server").asText(null);
    return fromConfig == null || fromConfig.isEmpty() ? DEFAULT_SERVER : fromConfig;
  }

  String namespace() {
    if (namespace != null) {
      return namespace;
    }
    JsonNode context = context();
    String fromConfig = context == null ? null : context.path("namespace").asText(null);
    return fromConfig == null || fromConfig.isEmpty() ? "default" : fromConfig;
  }

  private JsonNode currentContextPart(String field, String section) {
    JsonNode context = context();
    JsonNode config = kubeconfig();
    if (context == null || config == null) {
      return null;
    }
    String name = context.path(field).asText("");
    for (JsonNode entry : config.path(section)) {
      if (name.equals(entry.path("name").asText())) {
        return entry.path(field);
      }
    }
    return null;
  }

  private JsonNode context() {
    JsonNode config = kubeconfig();
    if (config == null) {
      return null;
    }
    String current = config.path("current-context").asText("");
    for (JsonNode entry : config.path("contexts")) {
      if (current.equals(entry.path("name").asText())) {
        return entry.path("context");
      }
    }
    return null;
  }

  private static JsonNode kubeconfig() {
    String env = System.getenv("KUBECONFIG");
    Path path = env != null && !env.isEmpty() ? Path.of(env.split(java.io.File.pathSeparator)[0])
        : Path.of(System.getProperty("user.home"), ".kube", "config");
    if (!Files.isRegularFile(path)) {
      return null;
    }
    try {
      return Json.yaml().readTree(path.toFile());
    } catch (IOException e) {
      return null;
    }
  }
}
