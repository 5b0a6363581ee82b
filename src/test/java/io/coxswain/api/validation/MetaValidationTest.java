package io.coxswain.api.validation;

import static io.coxswain.api.validation.Fixtures.assertCause;
import static io.coxswain.api.validation.Fixtures.assertCauses;
import static io.coxswain.api.validation.Fixtures.validPod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.Namespace;
import io.coxswain.api.core.Node;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaValidationTest {
  static final String SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
      + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
      + "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

  @Test
  void nameMustBeASubdomain() {
    Fixtures.assertValid(validPod().withMetadata(ObjectMeta.named("default", "a.b-c")));
    assertCauses(Validation.validateCreate(validPod().withMetadata(ObjectMeta.named("default", "Web_1"))),
        tuple("metadata.name", "FieldValueInvalid", "Invalid value: \"Web_1\": " + SUBDOMAIN_MSG));
    assertThat(Validation.validateCreate(validPod().withMetadata(ObjectMeta.named("default", "a".repeat(254)))))
        .extracting(c -> c.message()).anyMatch(m -> m.endsWith("must be no more than 253 characters"));
  }

  @Test
  void nameOrGenerateNameIsRequired() {
    assertCauses(Validation.validateCreate(validPod().withMetadata(ObjectMeta.named("default", null))),
        tuple("metadata.name", "FieldValueRequired", "Required value: name or generateName is required"));
  }

  @Test
  void namespaceRules() {
    assertCauses(Validation.validateCreate(validPod().withMetadata(ObjectMeta.named(null, "p"))),
        tuple("metadata.namespace", "FieldValueRequired", "Required value"));
    assertCauses(Validation.validateCreate(Node.of(ObjectMeta.named("default", "n"), null, null)),
        tuple("metadata.namespace", "FieldValueForbidden", "Forbidden: not allowed on this type"));
    Fixtures.assertValid(Namespace.of("team-a"));
    assertCauses(Validation.validateCreate(Namespace.of("team.a")),
        tuple("metadata.name", "FieldValueInvalid", "Invalid value: \"team.a\": a lowercase RFC 1123 label must "
            + "consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric "
            + "character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
  }

  @Test
  void labelKeysAndValues() {
    ObjectMeta ok = ObjectMeta.named("default", "p").withLabels(Map.of("example.com/App_1", "v.1-x", "e", ""));
    Fixtures.assertValid(validPod().withMetadata(ok));
    ObjectMeta bad = ObjectMeta.named("default", "p").withLabels(Map.of("-bad", "ok"));
    assertCauses(Validation.validateCreate(validPod().withMetadata(bad)),
        tuple("metadata.labels", "FieldValueInvalid", "Invalid value: \"-bad\": name part must consist of "
            + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
            + "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
            + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"));
    ObjectMeta badValue = ObjectMeta.named("default", "p").withLabels(Map.of("k", "a b"));
    assertCause(Validation.validateCreate(validPod().withMetadata(badValue)), "metadata.labels", "FieldValueInvalid");
    ObjectMeta longValue = ObjectMeta.named("default", "p").withLabels(Map.of("k", "a".repeat(64)));
    assertCauses(Validation.validateCreate(validPod().withMetadata(longValue)),
        tuple("metadata.labels", "FieldValueInvalid", "Invalid value: \"" + "a".repeat(64)
            + "\": must be no more than 63 characters"));
    ObjectMeta prefix = ObjectMeta.named("default", "p").withLabels(Map.of("Bad_Prefix/x", "v"));
    assertThat(Validation.validateCreate(validPod().withMetadata(prefix)))
        .extracting(c -> c.message()).anyMatch(m -> m.contains("prefix part a lowercase RFC 1123 subdomain"));
    ObjectMeta slashes = ObjectMeta.named("default", "p").withLabels(Map.of("a/b/c", "v"));
    assertThat(Validation.validateCreate(validPod().withMetadata(slashes)))
        .extracting(c -> c.message()).anyMatch(m -> m.contains("a qualified name must consist"));
  }

  @Test
  void annotationKeysAndSize() {
    ObjectMeta upper = ObjectMeta.named("default", "p").withAnnotations(Map.of("Example.com/Note", "x"));
    Fixtures.assertValid(validPod().withMetadata(upper));
    ObjectMeta bad = ObjectMeta.named("default", "p").withAnnotations(Map.of("a b", "x"));
    assertCause(Validation.validateCreate(validPod().withMetadata(bad)), "metadata.annotations", "FieldValueInvalid");
    ObjectMeta huge = ObjectMeta.named("default", "p").withAnnotations(Map.of("k", "x".repeat(256 * 1024)));
    assertCauses(Validation.validateCreate(validPod().withMetadata(huge)),
        tuple("metadata.annotations", "FieldValueTooLong", "Too long: must have at most 262144 bytes"));
  }

  @Test
  void identityIsImmutableOnUpdate() {
    var old = Fixtures.created(validPod());
    var renamed = old.withMetadata(old.metadata().withName("q").withUid("other"));
    assertCauses(Validation.validateUpdate(old, renamed),
        tuple("metadata.name", "FieldValueInvalid", "Invalid value: \"q\": field is immutable"),
        tuple("metadata.uid", "FieldValueInvalid", "Invalid value: \"other\": field is immutable"));
    var moved = old.withMetadata(old.metadata().withNamespace("x").withCreationTimestamp("2020-01-01T00:00:00Z"));
    assertCause(Validation.validateUpdate(old, moved), "metadata.namespace", "FieldValueInvalid");
    assertCause(Validation.validateUpdate(old, moved), "metadata.creationTimestamp", "FieldValueInvalid");
    var labelled = old.withMetadata(old.metadata().withLabels(Map.of("a", "b")));
    assertThat(Validation.validateUpdate(old, labelled)).isEmpty();
  }

  @Test
  void anObjectBeingDeletedMayLoseFinalizersButGainNone() {
    var old = Fixtures.created(validPod());
    var marked = old.withMetadata(old.metadata().withFinalizers(java.util.List.of("a", "b"))
        .withDeletion("2026-01-01T00:00:00Z", 0L));
    var more = marked.withMetadata(marked.metadata().withFinalizers(java.util.List.of("a", "b", "c")));
    assertCause(Validation.validateUpdate(marked, more), "metadata.finalizers", "FieldValueForbidden");
    var fewer = marked.withMetadata(marked.metadata().withFinalizers(java.util.List.of("b")));
    assertThat(Validation.validateUpdate(marked, fewer)).isEmpty();
    var live = old.withMetadata(old.metadata().withFinalizers(java.util.List.of("c")));
    assertThat(Validation.validateUpdate(old, live)).as("not being deleted: any finalizer may be added").isEmpty();
  }
}
