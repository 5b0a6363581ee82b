package io.coxswain.node.config;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Secret;
import io.coxswain.api.core.ServiceAccountTokenProjection;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens a node projects into pods ({@code projected.sources[].serviceAccountToken}), made as
 * Kubernetes makes bound service account tokens: a JWT signed RS256 with the cluster's service
 * account key, issued by {@value #ISSUER}, subject {@code system:serviceaccount:<ns>:<name>}, for
 * the projection's audience (the issuer when none), valid for its expirationSeconds (default 1 h,
 * at least 10 min), and bound to the pod and node (the {@code kubernetes.io} claim). A token is
 * kept and written again unchanged until 80% of its lifetime has passed, then replaced, as the
 * kubelet refreshes them.
 *
 * <p>The key is an RSA private key in the Secret {@value #KEY_NAMESPACE}/{@value #KEY_SECRET} (key
 * {@value #KEY_FIELD}, PKCS#8), made once per cluster when the first member starts. The
 * API server does not authenticate requests yet, so a token identifies its service account but
 * grants nothing beyond what an anonymous client has.
 */
public final class ServiceAccountTokens {
  public static final String ISSUER = "https://kubernetes.default.svc.cluster.local";
  public static final String KEY_NAMESPACE = "kube-system";
  public static final String KEY_SECRET = "coxswain-service-account-key";
  public static final String KEY_FIELD = "key.pkcs8";
  static final long DEFAULT_SECONDS = 3600;
  static final long MIN_SECONDS = 600;

  private final Clock clock;
  private final Map<String, Issued> issued = new ConcurrentHashMap<>();

  private record Issued(String token, Instant refreshAt) {}

  public ServiceAccountTokens(Clock clock) {
    this.clock = clock;
  }

  /** A new cluster signing key as the Secret that holds it. */
  public static Secret newKeySecret() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
      return new Secret("v1", "Secret", ObjectMeta.named(KEY_NAMESPACE, KEY_SECRET),
          Map.of(KEY_FIELD, Base64.getEncoder().encodeToString(pkcs8)), null, "Opaque",
          true);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no RSA", e);
    }
  }

  /**
   * The token for one projection of one pod.
   *
   * @param keySecret the cluster's key Secret, or null when this member has not seen it yet
   * @param serviceAccountUid the uid of the pod's service account, or null when unknown
   * @throws ConfigError when there is no usable key (the pod waits in ContainerCreating)
   */
  public String token(Pod pod, ServiceAccountTokenProjection projection, Secret keySecret, String nodeName,
      String serviceAccountUid) {
    long seconds = projection.expirationSeconds() == null ? DEFAULT_SECONDS
        : Math.max(MIN_SECONDS, projection.expirationSeconds());
    String audience = projection.audience() == null || projection.audience().isEmpty() ? ISSUER
        : projection.audience();
    String cacheKey = pod.metadata().uid() + "|" + audience + "|" + seconds;
    Instant now = clock.instant();
    Issued held = issued.get(cacheKey);
    if (held != null && now.isBefore(held.refreshAt())) {
      return held.token();
    }
    RSAPrivateCrtKey key = key(keySecret);
    String namespace = pod.metadata().namespace();
    String account = pod.spec().serviceAccountName() == null || pod.spec().serviceAccountName().isEmpty()
        ? "default" : pod.spec().serviceAccountName();
    Instant expires = now.plusSeconds(seconds);
    Map<String, Object> bound = new java.util.LinkedHashMap<>();
    bound.put("namespace", namespace);
    bound.put("pod", Map.of("name", pod.metadata().name(), "uid", pod.metadata().uid()));
    bound.put("serviceaccount", serviceAccountUid == null ? Map.of("name", account)
        : Map.of("name", account, "uid", serviceAccountUid));
    if (nodeName != null) {
      bound.put("node", Map.of("name", nodeName));
    }
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("system:serviceaccount:" + namespace
        + ":" + account).audience(List.of(audience)).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
        .expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString()).claim("kubernetes.io", bound).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId(key)).build(), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new ConfigError("failed to sign the service account token: " + e.getMessage());
    }
    String token = jwt.serialize();
    issued.put(cacheKey, new Issued(token, now.plus(Duration.ofSeconds(seconds * 8 / 10))));
    return token;
  }

  /** Forgets the tokens of a pod that is gone. */
  public void forget(String podUid) {
    issued.keySet().removeIf(k -> k.startsWith(podUid + "|"));
  }

  private static RSAPrivateCrtKey key(Secret secret) {
    String value = secret == null || secret.data() == null ? null : secret.data().get(KEY_FIELD);
    if (value == null) {
      throw new ConfigError("failed to fetch token: the cluster's service account key (secret " + KEY_NAMESPACE + "/"
          + KEY_SECRET + ") is not available");
    }
    try {
      byte[] pkcs8 = Base64.getDecoder().decode(value);
      return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (IllegalArgumentException | InvalidKeySpecException | NoSuchAlgorithmException | ClassCastException e) {
      throw new ConfigError("failed to fetch token: the cluster's service account key is malformed");
    }
  }

  /** As Kubernetes names its signing keys: a digest of the public key, so verifiers can pick the key. */
  private static String keyId(RSAPrivateCrtKey key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(key.getModulus().toByteArray());
      sha.update(key.getPublicExponent().toByteArray());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
