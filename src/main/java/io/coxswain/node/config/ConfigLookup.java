package io.coxswain.node.config;

import io.coxswain.api.core.ConfigMap;
import io.coxswain.api.core.Secret;
import io.coxswain.api.core.Service;
import java.util.List;

/** Where a node agent reads the ConfigMaps, Secrets and Services its pods refer to (its member's watch cache). */
public interface ConfigLookup {
  /** The ConfigMap, or null when there is none. */
  ConfigMap configMap(String namespace, String name);

  /** The Secret, or null when there is none. */
  Secret secret(String namespace, String name);

  /** The Services of a namespace (for the environment variables a container starts with). */
  default List<Service> services(String namespace) {
    return List.of();
  }

  /** The uid of a ServiceAccount, or null when there is none (service account tokens name it). */
  default String serviceAccountUid(String namespace, String name) {
    return null;
  }

  /** Nothing exists: every reference is missing. */
  ConfigLookup NONE = new ConfigLookup() {
    @Override
    public ConfigMap configMap(String namespace, String name) {
      return null;
    }

    @Override
    public Secret secret(String namespace, String name) {
      return null;
    }
  };
}
