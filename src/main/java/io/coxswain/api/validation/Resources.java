package io.coxswain.api.validation;

import io.coxswain.api.Quantity;
import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.core.ResourceRequirements;
import java.util.List;
import java.util.Map;

/** Kubernetes' ValidateResourceRequirements: parseable, non-negative quantities, requests <= limits. */
final class Resources {
  private Resources() {}

  static void requirements(ResourceRequirements r, String path, List<StatusCause> out) {
    quantities(r.limits(), path + ".limits", out);
    quantities(r.requests(), path + ".requests", out);
    for (Map.Entry<String, Quantity> request : r.requests().entrySet()) {
      Quantity limit = r.limits().get(request.getKey());
      if (limit == null || request.getValue() == null) {
        continue;
      }
      if (request.getValue().compareTo(limit) > 0) {
        out.add(Causes.invalid(path + ".requests[" + request.getKey() + "]", request.getValue().toString(),
            "must be less than or equal to " + request.getKey() + " limit of " + limit));
      }
    }
  }

  private static void quantities(Map<String, Quantity> values, String path, List<StatusCause> out) {
    values.forEach((name, value) -> {
      String at = path + "[" + name + "]";
      Names.qualifiedName(name).forEach(m -> out.add(Causes.invalid(at, name, m)));
      quantity(value, at, out);
    });
  }

  /** One quantity: present and not negative (a malformed one never gets past decoding). */
  static void quantity(Quantity value, String path, List<StatusCause> out) {
    if (value == null) {
      out.add(Causes.required(path, ""));
    } else if (value.isNegative()) {
      out.add(Causes.invalid(path, value.toString(), "must be greater than or equal to 0"));
    }
  }
}
