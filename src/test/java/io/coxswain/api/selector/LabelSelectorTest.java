package io.coxswain.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {
    private static final Map<String, String> WEB = Map.of("app", "web", "tier", "frontend", "rank", "3");

    @Test
    void equalityOperators() {
        assertThat(LabelSelector.parse("app=web").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("app==web").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("app=db").matches(WEB)).isFalse();
        assertThat(LabelSelector.parse("app=web").matches(Map.of())).isFalse();
        assertThat(LabelSelector.parse("app!=db").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("app!=web").matches(WEB)).isFalse();
        assertThat(LabelSelector.parse("app!=web").matches(Map.of())).as("absent key passes !=").isTrue();
    }

    @Test
    void setOperators() {
        assertThat(LabelSelector.parse("tier in (frontend,backend)").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("tier in (backend)").matches(WEB)).isFalse();
        assertThat(LabelSelector.parse("missing in (x)").matches(WEB)).isFalse();
        assertThat(LabelSelector.parse("tier notin (backend)").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("tier notin (frontend)").matches(WEB)).isFalse();
        assertThat(LabelSelector.parse("missing notin (x)").matches(WEB)).isTrue();
    }

    @Test
    void existenceOperators() {
        assertThat(LabelSelector.parse("app").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("missing").matches(WEB)).isFalse();
        assertThat(LabelSelector.parse("!missing").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("!app").matches(WEB)).isFalse();
    }

    @Test
    void numericComparisons() {
        assertThat(LabelSelector.parse("rank>2").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("rank<3").matches(WEB)).isFalse();
        assertThat(LabelSelector.parse("app>1").matches(WEB)).as("non-numeric label never compares").isFalse();
        assertThat(LabelSelector.parse("missing<9").matches(WEB)).isFalse();
    }

    @Test
    void requirementsAreAndedAndWhitespaceIsIgnored() {
        LabelSelector s = LabelSelector.parse("  app = web ,tier  notin ( backend , db ) , !canary ");
        assertThat(s.matches(WEB)).isTrue();
        assertThat(s.matches(Map.of("app", "web", "canary", "true"))).isFalse();
        assertThat(s.requirements()).hasSize(3);
    }

    @Test
    void emptyValuesAreLegal() {
        assertThat(LabelSelector.parse("a=").matches(Map.of("a", ""))).isTrue();
        assertThat(LabelSelector.parse("a=,b=x").matches(Map.of("a", "", "b", "x"))).isTrue();
        assertThat(LabelSelector.parse("a in ()").requirements().get(0).values()).containsExactly("");
        assertThat(LabelSelector.parse("a in (,x)").requirements().get(0).values()).containsExactly("", "x");
        assertThat(LabelSelector.parse("a in (x,)").requirements().get(0).values()).containsExactly("", "x");
        assertThat(LabelSelector.parse("a in (x,,y)").requirements().get(0).values()).containsExactly("", "x", "y");
    }

    @Test
    void keywordsAreOrdinaryWordsOutsideTheOperatorPosition() {
        assertThat(LabelSelector.parse("in=notin").matches(Map.of("in", "notin"))).isTrue();
        assertThat(LabelSelector.parse("a in (in,notin)").matches(Map.of("a", "in"))).isTrue();
    }

    @Test
    void prefixedKeys() {
        LabelSelector s = LabelSelector.parse("app.kubernetes.io/name=web");
        assertThat(s.matches(Map.of("app.kubernetes.io/name", "web"))).isTrue();
    }

    @Test
    void toStringIsCanonical() {
        assertThat(LabelSelector.parse("z=1, b in (y, x, y), !a, c, d==2, e!=3, f notin (q)"))
                .hasToString("!a,b in (x,y),c,d==2,e!=3,f notin (q),z=1");
        assertThat(LabelSelector.parse("n>5,m<7")).hasToString("m<7,n>5");
        String canonical = "a=b,c in (d,e)";
        assertThat(LabelSelector.parse(LabelSelector.parse(canonical).toString())).hasToString(canonical);
    }

    @Test
    void everything() {
        assertThat(LabelSelector.parse("").isEverything()).isTrue();
        assertThat(LabelSelector.parse("   ").isEverything()).isTrue();
        assertThat(LabelSelector.parse(null)).isEqualTo(LabelSelector.everything());
        assertThat(LabelSelector.everything().matches(Map.of())).isTrue();
        assertThat(LabelSelector.everything().matches(null)).isTrue();
        assertThat(LabelSelector.everything()).hasToString("");
        assertThat(LabelSelector.parse("a").isEverything()).isFalse();
    }

    @Test
    void fromMap() {
        LabelSelector s = LabelSelector.fromMap(Map.of("tier", "frontend", "app", "web"));
        assertThat(s).hasToString("app=web,tier=frontend");
        assertThat(s.matches(WEB)).isTrue();
        assertThat(s.matches(Map.of("app", "web"))).isFalse();
        assertThat(LabelSelector.fromMap(Map.of()).isEverything()).isTrue();
        assertThat(s).isEqualTo(LabelSelector.parse("tier=frontend,app=web"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a=b=c", "a in x", "a in (x", "a in (x y)", "=b", ",a", "a,", "a,,b", "a b", "!a=b", "!",
        "a in", "a notin", "(a)", "a=(b)", "a in (x))", "a=b c", "a!=b!=c",
    })
    void grammarErrors(String selector) {
        assertThatThrownBy(() -> LabelSelector.parse(selector))
                .isInstanceOf(SelectorException.class)
                .hasMessageStartingWith("unable to parse requirement: ");
    }

    @Test
    void errorMessagesSayWhatWasFoundAndExpected() {
        assertThatThrownBy(() -> LabelSelector.parse("a in x"))
                .hasMessage("unable to parse requirement: found 'x', expected: '('");
        assertThatThrownBy(() -> LabelSelector.parse("a,"))
                .hasMessage("unable to parse requirement: found '', expected: identifier after ','");
        assertThatThrownBy(() -> LabelSelector.parse("a b"))
                .hasMessage("unable to parse requirement: found 'b', expected: [!=, ==, =, >, <, in, notin]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-a=b", "a-=b", "a/b/c=d", "/a=b", "a/=b", "Example.com/a=b", "a=-b", "a=b-", "a=b/c",
        "a=x%y", "rank>x", "a in (ok,-bad)",
    })
    void syntaxErrors(String selector) {
        assertThatThrownBy(() -> LabelSelector.parse(selector))
                .isInstanceOf(SelectorException.class)
                .hasMessageStartingWith("unable to parse requirement: ");
    }

    @Test
    void lengthLimits() {
        String name63 = "a".repeat(63);
        assertThat(LabelSelector.parse(name63 + "=" + name63).requirements()).hasSize(1);
        assertThatThrownBy(() -> LabelSelector.parse(name63 + "a=b")).hasMessageContaining("63");
        assertThatThrownBy(() -> LabelSelector.parse("a=" + name63 + "a")).hasMessageContaining("63");
        String prefix253 = ("a".repeat(49) + ".").repeat(5) + "aaa";
        assertThat(prefix253).hasSize(253);
        assertThat(LabelSelector.parse(prefix253 + "/x").requirements()).hasSize(1);
        assertThatThrownBy(() -> LabelSelector.parse("a" + prefix253 + "/x")).hasMessageContaining("253");
    }
}
