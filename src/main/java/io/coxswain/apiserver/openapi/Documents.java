package io.coxswain.apiserver.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.api.Json;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Serialization and content hashing of the built documents. */
final class Documents {
  private Documents() {}

  static byte[] encode(ObjectNode document) {
    try {
      return Json.json().writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      // A tree we built ourselves always serializes; failing here is a bug, not bad input.
      throw new UncheckedIOException(e);
    }
  }

  /**
   * SHA-512 of the exact bytes served, upper-case hex as Kubernetes writes it. Clients cache a
   * document under the URL carrying this hash, so it must change whenever the bytes do.
   */
  static String hash(byte[] bytes) {
    try {
      return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-512", e);
    }
  }
}
