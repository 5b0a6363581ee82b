package io.coxswain.node.runtime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;

/** The daemon's own words for a failed call, without docker-java's "Status 500: {...}" wrapping. */
final class DockerErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerErrors() {}

  static String message(Throwable failure) {
    if (failure instanceof DockerException docker) {
      String raw = docker.getMessage() == null ? "" : docker.getMessage();
      int brace = raw.indexOf('{');
      if (brace >= 0) {
        try {
          JsonNode body = JSON.readTree(raw.substring(brace));
          if (body.hasNonNull("message")) {
            return body.get("message").asText().trim();
          }
        } catch (Exception notJson) {
          // fall through to the raw text
        }
      }
      return raw.trim();
    }
    return failure.getMessage() == null ? failure.toString() : failure.getMessage();
  }
}
