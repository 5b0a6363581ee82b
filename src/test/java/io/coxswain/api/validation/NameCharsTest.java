package io.coxswain.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The character loops agree with Kubernetes' patterns on every string tried, valid or not. */
class NameCharsTest {
  private static final String ALPHABET = "az09AZ-_./ ";

  @Test
  void loopsAgreeWithThePatternsOnRandomStrings() {
    Random random = new Random(42);
    Pattern label = Pattern.compile(Names.DNS1123_LABEL_FMT);
    Pattern subdomain = Pattern.compile(Names.DNS1123_SUBDOMAIN_FMT);
    Pattern qualified = Pattern.compile(Names.QUALIFIED_NAME_FMT);
    Pattern env = Pattern.compile(Names.ENV_VAR_NAME_FMT);
    int valid = 0;
    for (int i = 0; i < 200_000; i++) {
      String s = randomString(random);
      assertThat(NameChars.isDns1123Label(s, 0, s.length())).as("label %s", s).isEqualTo(label.matcher(s).matches());
      assertThat(NameChars.isDns1123Subdomain(s)).as("subdomain %s", s).isEqualTo(subdomain.matcher(s).matches());
      assertThat(NameChars.isQualifiedNamePart(s, 0, s.length())).as("qualified %s", s)
          .isEqualTo(qualified.matcher(s).matches());
      assertThat(NameChars.isEnvVarName(s)).as("env %s", s).isEqualTo(env.matcher(s).matches());
      valid += subdomain.matcher(s).matches() ? 1 : 0;
    }
    assertThat(valid).as("the strings exercise the valid side too").isGreaterThan(1000);
  }

  @Test
  void fastPathsGiveTheSameVerdictAsTheFullChecks() {
    assertThat(Names.qualifiedName("example.com/my-key")).isEmpty();
    assertThat(Names.qualifiedName("/my-key")).containsExactly("prefix part must be non-empty");
    assertThat(Names.qualifiedName("a/b/c")).hasSize(1);
    assertThat(Names.qualifiedName("Example.com/key")).isNotEmpty();
    assertThat(Names.labelValue("")).isEmpty();
    assertThat(Names.labelValue("x".repeat(64))).isNotEmpty();
    assertThat(Names.dns1123Label("a".repeat(63))).isEmpty();
    assertThat(Names.dns1123Label("a".repeat(64))).isNotEmpty();
    assertThat(Names.dns1123Subdomain("a.b-c.d")).isEmpty();
    assertThat(Names.dns1123Subdomain("a..b")).isNotEmpty();
    assertThat(Names.envVarName("1ABC")).isNotEmpty();
  }

  private static String randomString(Random random) {
    int length = random.nextInt(7);
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }
}
