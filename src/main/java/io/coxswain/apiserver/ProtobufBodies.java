package io.coxswain.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.api.ApiException;
import io.coxswain.api.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Kubernetes' protobuf request bodies ({@code application/vnd.kubernetes.protobuf}), which kubectl's
 * generators send ({@code kubectl create namespace}, {@code service}, {@code configmap}, {@code secret},
 * {@code serviceaccount}, {@code deployment}). The body is
 * the magic {@code k8s\0} and a {@code runtime.Unknown} envelope (typeMeta, raw object); the raw
 * object is turned into the JSON tree the rest of the server already understands. Only the kinds
 * those generators make are described; other fields and kinds are refused or skipped, never
 * guessed. Go's proto2 encoding writes zero values explicitly; they are dropped here, as Go's JSON
 * encoding would drop them (omitempty).
 */
final class ProtobufBodies {
  static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";
  private static final byte[] MAGIC = {'k', '8', 's', 0};

  /** INT drops zero (Go's omitempty); INT_PRESENT keeps it, for pointer fields where 0 means something. */
  private enum Type {
    STRING, INT, INT_PRESENT, BOOL, TIME, MESSAGE, STRING_MAP, BYTES_MAP, STRINGS, MESSAGES, INT_OR_STRING
  }

  private record Field(String json, Type type, String message) {
    static Field of(String json, Type type) {
      return new Field(json, type, null);
    }
  }

  private static final Map<String, Map<Integer, Field>> MESSAGES = Map.ofEntries(
      // The body of DELETE (kubectl drain and delete send it as protobuf).
      Map.entry("DeleteOptions", Map.of(
          1, Field.of("gracePeriodSeconds", Type.INT_PRESENT),
          2, new Field("preconditions", Type.MESSAGE, "Preconditions"),
          4, Field.of("propagationPolicy", Type.STRING),
          5, Field.of("dryRun", Type.STRINGS))),
      Map.entry("Preconditions", Map.of(
          1, Field.of("uid", Type.STRING),
          2, Field.of("resourceVersion", Type.STRING))),
      Map.entry("ObjectMeta", Map.ofEntries(
          Map.entry(1, Field.of("name", Type.STRING)),
          Map.entry(2, Field.of("generateName", Type.STRING)),
          Map.entry(3, Field.of("namespace", Type.STRING)),
          Map.entry(5, Field.of("uid", Type.STRING)),
          Map.entry(6, Field.of("resourceVersion", Type.STRING)),
          Map.entry(7, Field.of("generation", Type.INT)),
          Map.entry(8, Field.of("creationTimestamp", Type.TIME)),
          Map.entry(11, Field.of("labels", Type.STRING_MAP)),
          Map.entry(12, Field.of("annotations", Type.STRING_MAP)),
          Map.entry(14, Field.of("finalizers", Type.STRINGS)))),
      Map.entry("Namespace", Map.of(
          1, new Field("metadata", Type.MESSAGE, "ObjectMeta"),
          2, new Field("spec", Type.MESSAGE, "NamespaceSpec"))),
      Map.entry("NamespaceSpec", Map.of(1, Field.of("finalizers", Type.STRINGS))),
      Map.entry("Service", Map.of(
          1, new Field("metadata", Type.MESSAGE, "ObjectMeta"),
          2, new Field("spec", Type.MESSAGE, "ServiceSpec"))),
      Map.entry("ServiceSpec", Map.ofEntries(
          Map.entry(1, new Field("ports", Type.MESSAGES, "ServicePort")),
          Map.entry(2, Field.of("selector", Type.STRING_MAP)),
          Map.entry(3, Field.of("clusterIP", Type.STRING)),
          Map.entry(4, Field.of("type", Type.STRING)),
          Map.entry(5, Field.of("externalIPs", Type.STRINGS)),
          Map.entry(7, Field.of("sessionAffinity", Type.STRING)),
          Map.entry(8, Field.of("loadBalancerIP", Type.STRING)),
          Map.entry(9, Field.of("loadBalancerSourceRanges", Type.STRINGS)),
          Map.entry(10, Field.of("externalName", Type.STRING)),
          Map.entry(11, Field.of("externalTrafficPolicy", Type.STRING)),
          Map.entry(12, Field.of("healthCheckNodePort", Type.INT)),
          Map.entry(13, Field.of("publishNotReadyAddresses", Type.BOOL)),
          Map.entry(17, Field.of("ipFamilyPolicy", Type.STRING)),
          Map.entry(18, Field.of("clusterIPs", Type.STRINGS)),
          Map.entry(19, Field.of("ipFamilies", Type.STRINGS)),
          Map.entry(21, Field.of("loadBalancerClass", Type.STRING)),
          Map.entry(22, Field.of("internalTrafficPolicy", Type.STRING)))),
      // kubectl create configmap / secret / serviceaccount.
      Map.entry("ConfigMap", Map.of(
          1, new Field("metadata", Type.MESSAGE, "ObjectMeta"),
          2, Field.of("data", Type.STRING_MAP),
          3, Field.of("binaryData", Type.BYTES_MAP),
          4, Field.of("immutable", Type.BOOL))),
      Map.entry("Secret", Map.of(
          1, new Field("metadata", Type.MESSAGE, "ObjectMeta"),
          2, Field.of("data", Type.BYTES_MAP),
          3, Field.of("type", Type.STRING),
          4, Field.of("stringData", Type.STRING_MAP),
          5, Field.of("immutable", Type.BOOL))),
      Map.entry("ServiceAccount", Map.of(
          1, new Field("metadata", Type.MESSAGE, "ObjectMeta"),
          2, new Field("secrets", Type.MESSAGES, "ObjectReference"),
          3, new Field("imagePullSecrets", Type.MESSAGES, "LocalObjectReference"),
          4, Field.of("automountServiceAccountToken", Type.BOOL))),
      Map.entry("ObjectReference", Map.of(
          1, Field.of("kind", Type.STRING),
          2, Field.of("namespace", Type.STRING),
          3, Field.of("name", Type.STRING),
          4, Field.of("uid", Type.STRING),
          5, Field.of("apiVersion", Type.STRING),
          6, Field.of("resourceVersion", Type.STRING),
          7, Field.of("fieldPath", Type.STRING))),
      Map.entry("LocalObjectReference", Map.of(1, Field.of("name", Type.STRING))),
      // kubectl create deployment: apps/v1 Deployment with a pod template of its containers.
      Map.entry("Deployment", Map.of(
          1, new Field("metadata", Type.MESSAGE, "ObjectMeta"),
          2, new Field("spec", Type.MESSAGE, "DeploymentSpec"))),
      Map.entry("DeploymentSpec", Map.of(
          1, Field.of("replicas", Type.INT_PRESENT),
          2, new Field("selector", Type.MESSAGE, "LabelSelector"),
          3, new Field("template", Type.MESSAGE, "PodTemplateSpec"),
          4, new Field("strategy", Type.MESSAGE, "DeploymentStrategy"),
          5, Field.of("minReadySeconds", Type.INT),
          6, Field.of("revisionHistoryLimit", Type.INT_PRESENT),
          7, Field.of("paused", Type.BOOL),
          9, Field.of("progressDeadlineSeconds", Type.INT_PRESENT))),
      Map.entry("DeploymentStrategy", Map.of(
          1, Field.of("type", Type.STRING),
          2, new Field("rollingUpdate", Type.MESSAGE, "RollingUpdateDeployment"))),
      Map.entry("RollingUpdateDeployment", Map.of(
          1, Field.of("maxUnavailable", Type.INT_OR_STRING),
          2, Field.of("maxSurge", Type.INT_OR_STRING))),
      Map.entry("LabelSelector", Map.of(
          1, Field.of("matchLabels", Type.STRING_MAP),
          2, new Field("matchExpressions", Type.MESSAGES, "LabelSelectorRequirement"))),
      Map.entry("LabelSelectorRequirement", Map.of(
          1, Field.of("key", Type.STRING),
          2, Field.of("operator", Type.STRING),
          3, Field.of("values", Type.STRINGS))),
      Map.entry("PodTemplateSpec", Map.of(
          1, new Field("metadata", Type.MESSAGE, "ObjectMeta"),
          2, new Field("spec", Type.MESSAGE, "PodSpec"))),
      Map.entry("PodSpec", Map.ofEntries(
          Map.entry(2, new Field("containers", Type.MESSAGES, "Container")),
          Map.entry(3, Field.of("restartPolicy", Type.STRING)),
          Map.entry(4, Field.of("terminationGracePeriodSeconds", Type.INT_PRESENT)),
          Map.entry(6, Field.of("dnsPolicy", Type.STRING)),
          Map.entry(7, Field.of("nodeSelector", Type.STRING_MAP)),
          Map.entry(8, Field.of("serviceAccountName", Type.STRING)),
          Map.entry(10, Field.of("nodeName", Type.STRING)),
          Map.entry(11, Field.of("hostNetwork", Type.BOOL)),
          Map.entry(16, Field.of("hostname", Type.STRING)),
          Map.entry(17, Field.of("subdomain", Type.STRING)),
          Map.entry(20, new Field("initContainers", Type.MESSAGES, "Container")))),
      Map.entry("Container", Map.ofEntries(
          Map.entry(1, Field.of("name", Type.STRING)),
          Map.entry(2, Field.of("image", Type.STRING)),
          Map.entry(3, Field.of("command", Type.STRINGS)),
          Map.entry(4, Field.of("args", Type.STRINGS)),
          Map.entry(5, Field.of("workingDir", Type.STRING)),
          Map.entry(6, new Field("ports", Type.MESSAGES, "ContainerPort")),
          Map.entry(7, new Field("env", Type.MESSAGES, "EnvVar")),
          Map.entry(13, Field.of("terminationMessagePath", Type.STRING)),
          Map.entry(14, Field.of("imagePullPolicy", Type.STRING)),
          Map.entry(16, Field.of("stdin", Type.BOOL)),
          Map.entry(17, Field.of("stdinOnce", Type.BOOL)),
          Map.entry(18, Field.of("tty", Type.BOOL)),
          Map.entry(20, Field.of("terminationMessagePolicy", Type.STRING)))),
      Map.entry("ContainerPort", Map.of(
          1, Field.of("name", Type.STRING),
          2, Field.of("hostPort", Type.INT),
          3, Field.of("containerPort", Type.INT),
          4, Field.of("protocol", Type.STRING),
          5, Field.of("hostIP", Type.STRING))),
      Map.entry("EnvVar", Map.of(
          1, Field.of("name", Type.STRING),
          2, Field.of("value", Type.STRING))),
      Map.entry("ServicePort", Map.of(
          1, Field.of("name", Type.STRING),
          2, Field.of("protocol", Type.STRING),
          3, Field.of("port", Type.INT),
          4, Field.of("targetPort", Type.INT_OR_STRING),
          5, Field.of("nodePort", Type.INT),
          6, Field.of("appProtocol", Type.STRING))));

  private static final java.util.Set<String> TOP_LEVEL = java.util.Set.of("Namespace", "Service", "DeleteOptions",
      "ConfigMap", "Secret", "ServiceAccount", "Deployment");

  private ProtobufBodies() {}

  static boolean isProtobuf(String contentType) {
    return MediaTypes.baseType(contentType).equals(CONTENT_TYPE);
  }

  /** The body as the equivalent JSON object (with apiVersion and kind from the envelope). */
  static ObjectNode toJson(byte[] body) {
    if (body.length < MAGIC.length || body[0] != 'k' || body[1] != '8' || body[2] != 's' || body[3] != 0) {
      throw ApiException.badRequest("protobuf body without the k8s envelope");
    }
    try {
      Reader envelope = new Reader(body, MAGIC.length, body.length);
      String apiVersion = "";
      String kind = "";
      byte[] raw = null;
      while (envelope.more()) {
        int tag = envelope.varintInt();
        if (tag >>> 3 == 1 && (tag & 7) == 2) {
          String[] typeMeta = stringPair(envelope.nested());
          apiVersion = typeMeta[0];
          kind = typeMeta[1];
        } else if (tag >>> 3 == 2 && (tag & 7) == 2) {
          raw = envelope.bytes();
        } else {
          envelope.skip(tag & 7);
        }
      }
      if (!TOP_LEVEL.contains(kind) || raw == null) {
        throw ApiException.unsupportedMediaType("protobuf bodies are accepted for " + String.join(", ",
            new java.util.TreeSet<>(TOP_LEVEL)) + "; send " + kind + " as application/json");
      }
      ObjectNode object = message(new Reader(raw, 0, raw.length), kind);
      object.put("apiVersion", apiVersion);
      object.put("kind", kind);
      return object;
    } catch (ArrayIndexOutOfBoundsException | IllegalStateException e) {
      throw ApiException.badRequest("malformed protobuf body: " + e.getMessage());
    }
  }

  private static ObjectNode message(Reader in, String name) {
    Map<Integer, Field> fields = MESSAGES.get(name);
    ObjectNode out = Json.json().createObjectNode();
    while (in.more()) {
      int tag = in.varintInt();
      Field field = fields.get(tag >>> 3);
      if (field == null) {
        in.skip(tag & 7);
        continue;
      }
      switch (field.type()) {
        case STRING -> putString(out, field.json(), in.string());
        case INT -> {
          long v = in.varint();
          if (v != 0) {
            out.put(field.json(), v);
          }
        }
        case INT_PRESENT -> out.put(field.json(), in.varint());
        case BOOL -> {
          if (in.varint() != 0) {
            out.put(field.json(), true);
          }
        }
        case TIME -> {
          long seconds = 0;
          Reader time = in.nested();
          while (time.more()) {
            int t = time.varintInt();
            if (t >>> 3 == 1) {
              seconds = time.varint();
            } else {
              time.skip(t & 7);
            }
          }
          if (seconds != 0) {
            out.put(field.json(), Instant.ofEpochSecond(seconds).toString());
          }
        }
        case MESSAGE -> out.set(field.json(), message(in.nested(), field.message()));
        case MESSAGES -> arrayOf(out, field.json()).add(message(in.nested(), field.message()));
        case STRINGS -> arrayOf(out, field.json()).add(in.string());
        case STRING_MAP -> {
          String[] entry = stringPair(in.nested());
          objectOf(out, field.json()).put(entry[0], entry[1]);
        }
        case BYTES_MAP -> {
          // map<string, bytes>: JSON carries the bytes as base64, as Go's encoding/json does.
          Reader entry = in.nested();
          String key = "";
          byte[] value = new byte[0];
          while (entry.more()) {
            int t = entry.varintInt();
            if (t >>> 3 == 1) {
              key = entry.string();
            } else if (t >>> 3 == 2) {
              value = entry.bytes();
            } else {
              entry.skip(t & 7);
            }
          }
          objectOf(out, field.json()).put(key, java.util.Base64.getEncoder().encodeToString(value));
        }
        case INT_OR_STRING -> intOrString(out, field.json(), in.nested());
        default -> in.skip(tag & 7);
      }
    }
    return out;
  }

  /**
   * Fields 1 and 2 of a message as strings ("" when absent): the shape of both TypeMeta
   * (apiVersion, kind) and a map entry (key, value).
   */
  private static String[] stringPair(Reader in) {
    String[] pair = {"", ""};
    while (in.more()) {
      int t = in.varintInt();
      if (t >>> 3 == 1 || t >>> 3 == 2) {
        pair[(t >>> 3) - 1] = in.string();
      } else {
        in.skip(t & 7);
      }
    }
    return pair;
  }

  /** {@code intstr.IntOrString}: 1 = type (0 int, 1 string), 2 = intVal, 3 = strVal. */
  private static void intOrString(ObjectNode out, String name, Reader in) {
    long type = 0;
    long intVal = 0;
    String strVal = "";
    while (in.more()) {
      int t = in.varintInt();
      switch (t >>> 3) {
        case 1 -> type = in.varint();
        case 2 -> intVal = in.varint();
        case 3 -> strVal = in.string();
        default -> in.skip(t & 7);
      }
    }
    if (type == 1 && !strVal.isEmpty()) {
      out.put(name, strVal);
    } else if (type == 0 && intVal != 0) {
      out.put(name, intVal);
    }
  }

  private static void putString(ObjectNode out, String name, String value) {
    if (!value.isEmpty()) {
      out.put(name, value);
    }
  }

  private static ArrayNode arrayOf(ObjectNode out, String name) {
    JsonNode existing = out.get(name);
    return existing instanceof ArrayNode array ? array : out.putArray(name);
  }

  private static ObjectNode objectOf(ObjectNode out, String name) {
    JsonNode existing = out.get(name);
    return existing instanceof ObjectNode object ? object : out.putObject(name);
  }

  /** Protocol buffers wire format over a slice of bytes. */
  private static final class Reader {
    private final byte[] buf;
    private int pos;
    private final int end;

    Reader(byte[] buf, int pos, int end) {
      this.buf = buf;
      this.pos = pos;
      this.end = end;
    }

    boolean more() {
      return pos < end;
    }

    long varint() {
      long result = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = buf[pos++];
        result |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return result;
        }
      }
      throw new IllegalStateException("varint too long");
    }

    int varintInt() {
      return (int) varint();
    }

    Reader nested() {
      int length = varintInt();
      if (length < 0 || pos + length > end) {
        throw new IllegalStateException("length " + length + " runs past the message");
      }
      Reader reader = new Reader(buf, pos, pos + length);
      pos += length;
      return reader;
    }

    byte[] bytes() {
      Reader slice = nested();
      return java.util.Arrays.copyOfRange(buf, slice.pos, slice.end);
    }

    String string() {
      Reader slice = nested();
      return new String(buf, slice.pos, slice.end - slice.pos, StandardCharsets.UTF_8);
    }

    void skip(int wireType) {
      switch (wireType) {
        case 0 -> varint();
        case 1 -> pos += 8;
        case 2 -> nested();
        case 5 -> pos += 4;
        default -> throw new IllegalStateException("unsupported wire type " + wireType);
      }
    }
  }
}
