package io.coxswain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The project's manifest corpus ({@code src/test/resources/corpus}): pods that together use every
 * volume and env source, every probe handler, init and sidecar containers, lifecycle hooks,
 * scheduling gates and the security fields. Each pod says in annotations what state Kubernetes
 * would give it ({@value #EXPECT}: Running, Succeeded, SchedulingGated or ContainerCreating) and,
 * when only some runtimes can run it, which ({@value #RUNTIMES}).
 */
public final class Corpus {
  public static final String EXPECT = "corpus.coxswain.io/expect";
  public static final String RUNTIMES = "corpus.coxswain.io/runtimes";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Corpus() {}

  /** The corpus files, in name order. */
  public static List<Path> files() {
    try {
      Path dir = Path.of(Corpus.class.getResource("/corpus").toURI());
      try (Stream<Path> files = Files.list(dir)) {
        return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
      }
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every object of the corpus as kubectl reads it (its client-side JSON), in file order. */
  public static List<JsonNode> objects(Kubectl kubectl) {
    List<JsonNode> objects = new ArrayList<>();
    for (Path file : files()) {
      Kubectl.Result parsed = kubectl.run("create", "--dry-run=client", "-o", "json", "-f", file.toString());
      assertThat(parsed.exitCode()).as(parsed.all()).isZero();
      try {
        // One JSON document per object, back to back (a List when kubectl groups them).
        for (var it = JSON.readerFor(JsonNode.class).<JsonNode>readValues(parsed.out()); it.hasNext(); ) {
          JsonNode node = it.next();
          if (node.has("items")) {
            node.get("items").forEach(objects::add);
          } else {
            objects.add(node);
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return objects;
  }

  /** Applies every corpus file with kubectl apply; each must be accepted. */
  public static void applyAll(Kubectl kubectl) {
    for (Path file : files()) {
      Kubectl.Result applied = kubectl.run("apply", "-f", file.toString());
      assertThat(applied.exitCode()).as(file + ": " + applied.all()).isZero();
    }
  }

  /** Whether a pod of the corpus is meant to run on {@code runtime} ("simulated" or "docker"). */
  public static boolean runsOn(JsonNode pod, String runtime) {
    String runtimes = pod.at("/metadata/annotations").path(RUNTIMES).asText("");
    return runtimes.isEmpty() || List.of(runtimes.split(",")).contains(runtime);
  }

  /**
   * Checks that everything the manifest says is in what the API gives back: every field, at any
   * depth, with the same value (the server may add defaults and status). A Secret's stringData
   * comes back as base64 data, as in Kubernetes.
   */
  public static void assertKept(JsonNode manifest, JsonNode stored) {
    String where = manifest.path("kind").asText() + "/" + manifest.at("/metadata/name").asText();
    if ("Secret".equals(manifest.path("kind").asText()) && manifest.has("stringData")) {
      manifest.get("stringData").fields().forEachRemaining(e -> assertThat(stored.at("/data/" + e.getKey()).asText())
          .as(where + " data." + e.getKey()).isEqualTo(java.util.Base64.getEncoder().encodeToString(
              e.getValue().asText().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }
    compare(manifest, stored, where, "");
  }

  private static void compare(JsonNode want, JsonNode got, String where, String path) {
    if (want.isObject()) {
      assertThat(got.isObject()).as(where + " " + path + " is an object in " + got).isTrue();
      for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (path.isEmpty() && field.getKey().equals("stringData")) {
          continue;
        }
        if (field.getValue().isNull()) {
          continue; // kubectl writes creationTimestamp: null
        }
        assertThat(got.has(field.getKey())).as(where + ": field " + path + "." + field.getKey() + " was dropped")
            .isTrue();
        compare(field.getValue(), got.get(field.getKey()), where, path + "." + field.getKey());
      }
    } else if (want.isArray()) {
      assertThat(got.isArray() && got.size() == want.size()).as(where + " " + path + ": " + want + " came back as "
          + got).isTrue();
      for (int i = 0; i < want.size(); i++) {
        compare(want.get(i), got.get(i), where, path + "[" + i + "]");
      }
    } else {
      assertThat(got.asText()).as(where + " " + path).isEqualTo(want.asText());
    }
  }
}
