package io.coxswain.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.coxswain.api.Json;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Secret;
import io.coxswain.api.core.ServiceAccountTokenProjection;
import io.coxswain.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceAccountTokensTest {
  private final ManualClock clock = new ManualClock();
  private final ServiceAccountTokens tokens = new ServiceAccountTokens(clock);
  private final Secret key = ServiceAccountTokens.newKeySecret();
  private final Pod pod = Json.decode("""
      {"kind":"Pod","metadata":{"name":"web","namespace":"shop","uid":"pod-uid"},
       "spec":{"serviceAccountName":"builder","containers":[{"name":"c","image":"i"}]}}
      """.getBytes(StandardCharsets.UTF_8), "application/json", Pod.class);

  private RSAPublicKey publicKey() throws Exception {
    byte[] pkcs8 = Base64.getDecoder().decode(key.data().get(ServiceAccountTokens.KEY_FIELD));
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    return (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
  }

  @Test
  void aBoundTokenSignedWithTheClusterKey() throws Exception {
    String token = tokens.token(pod, new ServiceAccountTokenProjection("vault", 7200L, "token", null), key, "node-a",
        "sa-uid");
    SignedJWT jwt = SignedJWT.parse(token);
    assertThat(jwt.verify(new RSASSAVerifier(publicKey()))).isTrue();
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    var claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("https://kubernetes.default.svc.cluster.local");
    assertThat(claims.getSubject()).isEqualTo("system:serviceaccount:shop:builder");
    assertThat(claims.getAudience()).containsExactly("vault");
    assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofHours(2));
    Map<String, Object> bound = claims.getJSONObjectClaim("kubernetes.io");
    assertThat(bound).containsEntry("namespace", "shop");
    assertThat(bound.get("pod")).isEqualTo(Map.of("name", "web", "uid", "pod-uid"));
    assertThat(bound.get("serviceaccount")).isEqualTo(Map.of("name", "builder", "uid", "sa-uid"));
  }

  @Test
  void keptUntilFourFifthsOfItsLifeThenReplaced() {
    var projection = new ServiceAccountTokenProjection(null, null, "token", null);
    String first = tokens.token(pod, projection, key, "n", null);
    clock.advance(Duration.ofMinutes(47));
    assertThat(tokens.token(pod, projection, key, "n", null)).isEqualTo(first);
    clock.advance(Duration.ofMinutes(2)); // 49 min of 60: past 80%
    assertThat(tokens.token(pod, projection, key, "n", null)).isNotEqualTo(first);
  }

  @Test
  void withoutTheKeyThePodCannotMountIt() {
    assertThatThrownBy(() -> tokens.token(pod, new ServiceAccountTokenProjection(null, null, "t", null), null, "n",
        null)).isInstanceOf(ConfigError.class).hasMessageContaining("service account key");
  }

  @Test
  void theProjectedVolumeHoldsTheTokenBesideTheOtherSources() throws Exception {
    var volume = Json.decode("""
        {"name":"kube-api-access","projected":{"defaultMode":420,"sources":[
          {"serviceAccountToken":{"path":"token","expirationSeconds":3607}},
          {"downwardAPI":{"items":[{"path":"namespace","fieldRef":{"fieldPath":"metadata.namespace"}}]}}]}}
        """.getBytes(StandardCharsets.UTF_8), "application/json", io.coxswain.api.core.Volume.class);
    Map<String, ConfigVolumes.File> files = ConfigVolumes.files(pod, volume, EnvResolverTest.ADDRESSES, Map.of(),
        ConfigLookup.NONE, (p, projection) -> tokens.token(p, projection, key, "n", null));
    assertThat(files.keySet()).containsExactlyInAnyOrder("token", "namespace");
    assertThat(files.get("token").mode()).isEqualTo(420);
    assertThat(SignedJWT.parse(new String(files.get("token").content(), StandardCharsets.UTF_8))
        .verify(new RSASSAVerifier(publicKey()))).isTrue();
    assertThat(List.of(new String(files.get("namespace").content(), StandardCharsets.UTF_8))).containsExactly("shop");
  }
}
