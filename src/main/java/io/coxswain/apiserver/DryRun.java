package io.coxswain.apiserver;

import io.coxswain.api.ApiException;
import java.util.List;

/** The {@code dryRun} option (query or DeleteOptions body): absent or {@code All}; anything else is 400. */
final class DryRun {
  private DryRun() {}

  static boolean of(String value) {
    return value != null && of(List.of(value));
  }

  static boolean of(List<String> values) {
    for (String value : values) {
      if (!"All".equals(value)) {
        throw ApiException.badRequest("dryRun: Unsupported value: \"" + value + "\": supported values: \"All\"");
      }
    }
    return !values.isEmpty();
  }
}
