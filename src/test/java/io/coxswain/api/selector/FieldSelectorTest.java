package io.coxswain.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldSelectorTest {
    private static final Function<String, String> POD = Map.of(
            "metadata.name", "web-1", "metadata.namespace", "default", "status.phase", "Running")::get;

    @Test
    void equalityAndInequality() {
        assertThat(FieldSelector.parse("metadata.name=web-1").matches(POD)).isTrue();
        assertThat(FieldSelector.parse("metadata.name==web-1").matches(POD)).isTrue();
        assertThat(FieldSelector.parse("metadata.name=web-2").matches(POD)).isFalse();
        assertThat(FieldSelector.parse("status.phase!=Pending").matches(POD)).isTrue();
        assertThat(FieldSelector.parse("status.phase!=Running").matches(POD)).isFalse();
    }

    @Test
    void termsAreAnded() {
        assertThat(FieldSelector.parse("metadata.name=web-1,status.phase!=Failed,metadata.namespace==default")
                .matches(POD)).isTrue();
        assertThat(FieldSelector.parse("metadata.name=web-1,status.phase!=Running").matches(POD)).isFalse();
    }

    @Test
    void absentFieldsReadAsEmpty() {
        assertThat(FieldSelector.parse("spec.nodeName=").matches(POD)).isTrue();
        assertThat(FieldSelector.parse("spec.nodeName!=").matches(POD)).isFalse();
        assertThat(FieldSelector.parse("spec.nodeName=node-1").matches(POD)).isFalse();
    }

    @Test
    void escapedValues() {
        FieldSelector s = FieldSelector.parse("a=x\\,y,b=p\\=q,c=back\\\\slash");
        assertThat(s.terms()).extracting(FieldSelector.Term::value).containsExactly("x,y", "p=q", "back\\slash");
        assertThat(s.matches(Map.of("a", "x,y", "b", "p=q", "c", "back\\slash")::get)).isTrue();
        assertThat(s).hasToString("a=x\\,y,b=p\\=q,c=back\\\\slash");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=x\\q", "a=b=c", "a=b\\", "abc", "a=1,bad", "a==b=c"})
    void errors(String selector) {
        assertThatThrownBy(() -> FieldSelector.parse(selector)).isInstanceOf(SelectorException.class);
    }

    @Test
    void errorMessagesNameTheProblem() {
        assertThatThrownBy(() -> FieldSelector.parse("a=1,bad"))
                .hasMessage("invalid selector: 'a=1,bad'; can't understand 'bad'");
        assertThatThrownBy(() -> FieldSelector.parse("a=x\\q")).hasMessageContaining("invalid escape sequence");
    }

    @Test
    void canonicalFormSortsTermsAndNormalisesDoubleEquals() {
        assertThat(FieldSelector.parse("status.phase!=Failed,metadata.name==x"))
                .hasToString("metadata.name=x,status.phase!=Failed");
    }

    @Test
    void fieldsAndExactMatch() {
        FieldSelector s = FieldSelector.parse("spec.nodeName=n1,status.phase!=Failed");
        assertThat(s.fields()).containsExactly("spec.nodeName", "status.phase");
        assertThat(s.requiresExactMatch("spec.nodeName")).contains("n1");
        assertThat(s.requiresExactMatch("status.phase")).isEmpty();
        assertThat(s.requiresExactMatch("metadata.name")).isEqualTo(Optional.empty());
        assertThat(FieldSelector.equal("metadata.name", "a,b")).hasToString("metadata.name=a\\,b");
    }

    @Test
    void everything() {
        assertThat(FieldSelector.parse("").isEverything()).isTrue();
        assertThat(FieldSelector.parse(",").isEverything()).isTrue();
        assertThat(FieldSelector.parse(null)).isEqualTo(FieldSelector.everything());
        assertThat(FieldSelector.everything().matches(f -> null)).isTrue();
        assertThat(FieldSelector.everything().fields()).isEmpty();
    }
}
