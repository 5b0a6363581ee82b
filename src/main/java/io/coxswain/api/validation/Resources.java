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
    for (Map.Entry<String, String> request : r.requests().entrySet()) {
      String limit = r.limits().get(request.getKey());
      if (limit == null || !Quantity.isValid(limit) || !Quantity.isValid(request.getValue())) {
        continue;
      }
      if (Quantity.parse(request.getValue()).compareTo(Quantity.parse(limit)) > 0) {
        out.add(Causes.invalid(path + ".requests[" + request.getKey() + "]", request.getValue(),
            "must be less than or equal to " + request.getKey() + " limit of " + limit));
      }
    }
  }

  private static void quantities(Map<String, String> values, String path, List<StatusCause> out) {
    values.forEach((name, value) -> {
      String at = path + "[" + name + "]";
      Names.qualifiedName(name).forEach(m -> out.add(Causes.invalid(at, name, m)));
      quantity(value, at, out);
    });
  }

  /** One quantity: parseable and not negative. */
  static void quantity(String value, String path, List<StatusCause> out) {
    if (!Quantity.isValid(value)) {
      out.add(Causes.invalid(path, value == null ? "" : value, Quantity.FORMAT_MESSAGE));
    } else if (Quantity.parse(value).isNegative()) {
      out.add(Causes.invalid(path, value, "must be greater than or equal to 0"));
    }
  }
}
