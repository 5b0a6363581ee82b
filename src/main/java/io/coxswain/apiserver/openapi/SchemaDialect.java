package io.coxswain.apiserver.openapi;

/**
 * How a document spells schema references. Swagger 2.0 puts a description next to a {@code $ref};
 * OpenAPI 3.0 ignores siblings of {@code $ref}, so Kubernetes wraps the reference in a one-element
 * {@code allOf} there, and clients (kubectl explain, apply) expect that form.
 */
enum SchemaDialect {
  V2("#/definitions/", false),
  V3("#/components/schemas/", true);

  final String refPrefix;
  final boolean wrapRefsWithSiblings;

  SchemaDialect(String refPrefix, boolean wrapRefsWithSiblings) {
    this.refPrefix = refPrefix;
    this.wrapRefsWithSiblings = wrapRefsWithSiblings;
  }
}
