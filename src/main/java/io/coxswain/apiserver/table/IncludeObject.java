package io.coxswain.apiserver.table;

import io.coxswain.api.ApiException;

/**
 * What each Table row carries besides its cells (TableOptions' {@code includeObject}): nothing,
 * the object's metadata as a PartialObjectMetadata (the default), or the whole object — which is
 * what {@code kubectl get --sort-by} asks for, to sort by any field.
 */
public enum IncludeObject {
  NONE, METADATA, OBJECT;

  /** The query parameter's value; absent or empty is Metadata; anything else unknown is 400. */
  public static IncludeObject parse(String value) {
    if (value == null || value.isEmpty() || value.equals("Metadata")) {
      return METADATA;
    }
    if (value.equals("None")) {
      return NONE;
    }
    if (value.equals("Object")) {
      return OBJECT;
    }
    throw ApiException.badRequest("includeObject: Unsupported value: \"" + value
        + "\": supported values: \"Metadata\", \"None\", \"Object\"");
  }
}
