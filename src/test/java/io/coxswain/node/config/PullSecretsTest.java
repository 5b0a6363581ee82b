package io.coxswain.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.Secret;
import io.coxswain.node.runtime.RegistryAuth;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PullSecretsTest {
  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static Secret secret(String key, String json) {
    return new Secret("v1", "Secret", ObjectMeta.named("default", "regcred"), Map.of(key, b64(json)), null,
        "kubernetes.io/dockerconfigjson", null);
  }

  @Test
  void dockerConfigJsonWithUserAndPasswordOrAnAuthPair() {
    List<RegistryAuth> auths = PullSecrets.parse(secret(".dockerconfigjson", """
        {"auths":{"registry.example.test:5000":{"username":"ann","password":"s3cret"},
                  "https://other.example.test/v1/":{"auth":"%s"}}}
        """.formatted(b64("bob:pa:ss"))));
    assertThat(auths).containsExactly(new RegistryAuth("registry.example.test:5000", "ann", "s3cret"),
        new RegistryAuth("https://other.example.test/v1/", "bob", "pa:ss"));
    assertThat(auths.get(0).toString()).doesNotContain("s3cret");
  }

  @Test
  void legacyDockercfgIsTheAuthsObjectItself() {
    assertThat(PullSecrets.parse(secret(".dockercfg", "{\"reg.example.test\":{\"auth\":\"" + b64("u:p") + "\"}}")))
        .containsExactly(new RegistryAuth("reg.example.test", "u", "p"));
  }

  @Test
  void malformedOrOtherSecretsGiveNothing() {
    assertThat(PullSecrets.parse(secret(".dockerconfigjson", "not json"))).isEmpty();
    assertThat(PullSecrets.parse(secret("token", "{}"))).isEmpty();
  }

  @Test
  void anImageGetsTheCredentialsOfItsRegistryOrOfTheDefaultOne() {
    List<RegistryAuth> auths = List.of(new RegistryAuth("https://other.example.test/v1/", "bob", "x"),
        new RegistryAuth("registry.example.test:5000", "ann", "y"));
    assertThat(PullSecrets.forImage("registry.example.test:5000/team/app:1", auths, null).username())
        .isEqualTo("ann");
    assertThat(PullSecrets.forImage("team/app:1", auths, "https://other.example.test/v1/").username())
        .isEqualTo("bob");
    assertThat(PullSecrets.forImage("localhost/app", auths, null)).isNull();
    assertThat(PullSecrets.forImage("app", auths, null)).isNull();
  }
}
