package io.coxswain.apiserver;

import io.coxswain.api.ApiException;
import io.coxswain.api.ApiResource;
import io.coxswain.api.KubeObject;
import io.coxswain.api.selector.FieldSelector;
import io.coxswain.api.selector.LabelSelector;
import io.coxswain.api.selector.SelectorException;
import java.util.function.Predicate;

/** The {@code labelSelector} and {@code fieldSelector} of a list or watch, as one predicate. */
final class Selection {
  private Selection() {}

  static Predicate<KubeObject> of(ApiResource resource, ApiRequest request) {
    LabelSelector labels;
    FieldSelector fields;
    try {
      labels = blank(request.param("labelSelector")) ? LabelSelector.everything()
          : LabelSelector.parse(request.param("labelSelector"));
      fields = blank(request.param("fieldSelector")) ? FieldSelector.everything()
          : FieldSelector.parse(request.param("fieldSelector"));
    } catch (SelectorException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    FieldLabels.check(resource, fields);
    if (labels.isEverything() && fields.isEverything()) {
      return o -> true;
    }
    return object -> labels.matches(object.metadata().labelsOrEmpty())
        && fields.matches(field -> FieldLabels.value(resource, object, field));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
