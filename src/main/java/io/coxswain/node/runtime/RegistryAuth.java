package io.coxswain.node.runtime;

/**
 * Credentials for one registry, from a pod's imagePullSecrets ({@code kubernetes.io/dockerconfigjson}
 * or {@code kubernetes.io/dockercfg}): the registry as the secret names it (a host, maybe with a
 * scheme and path), and the user name and password.
 */
public record RegistryAuth(String registry, String username, String password) {
  @Override
  public String toString() {
    return "RegistryAuth[" + registry + ", " + username + ", ***]"; // never a password in a log line
  }
}
