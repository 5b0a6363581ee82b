package io.coxswain.apiserver.openapi;

import io.coxswain.api.ApiResource;
import io.coxswain.api.ApiResources;
import io.coxswain.api.core.Scale;
import io.coxswain.api.core.ScaleSpec;
import io.coxswain.api.core.ScaleStatus;
import java.util.Set;

/**
 * Maps Java model types to the definition names Kubernetes publishes, so clients that look schemas
 * up by name (kubectl explain, apply's patch metadata) find them where they expect.
 */
final class DefinitionNames {
  static final String CORE = "io.k8s.api.core.v1.";
  static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  static final String AUTOSCALING = "io.k8s.api.autoscaling.v1.";
  static final String VERSION_INFO = "io.k8s.apimachinery.pkg.version.Info";

  private static final String CORE_PACKAGE = "io.coxswain.api.core";
  /** Model packages of named groups, by the Kubernetes package their definitions are named in. */
  private static final java.util.Map<String, String> GROUP_PACKAGES = java.util.Map.of(
      "io.coxswain.api.coordination", "io.k8s.api.coordination.v1.",
      "io.coxswain.api.discovery", "io.k8s.api.discovery.v1.",
      "io.coxswain.api.apps", "io.k8s.api.apps.v1.");
  private static final String META_PACKAGE = "io.coxswain.api";
  private static final Set<Class<?>> AUTOSCALING_TYPES = Set.of(Scale.class, ScaleSpec.class, ScaleStatus.class);

  private DefinitionNames() {}

  static String of(Class<?> type) {
    if (type == MetaTypes.Info.class) {
      return VERSION_INFO;
    }
    if (AUTOSCALING_TYPES.contains(type)) {
      return AUTOSCALING + type.getSimpleName();
    }
    String pkg = type.getPackageName();
    if (pkg.equals(CORE_PACKAGE)) {
      return CORE + type.getSimpleName();
    }
    if (GROUP_PACKAGES.containsKey(pkg)) {
      return GROUP_PACKAGES.get(pkg) + type.getSimpleName();
    }
    // Top-level meta records (ObjectMeta, Status and its nested types) and our own MetaTypes.
    if (pkg.equals(META_PACKAGE) || type.getEnclosingClass() == MetaTypes.class) {
      return META + type.getSimpleName();
    }
    throw new IllegalArgumentException("no Kubernetes definition name for " + type.getName());
  }

  static String listOf(ApiResource resource) {
    String kind = of(resource.type());
    return kind.substring(0, kind.length() - resource.kind().length()) + resource.listKind();
  }

  /** The kind an ApiResource's objects carry: its group-version, except Scale which is autoscaling/v1. */
  static Gvk gvkOf(ApiResource resource) {
    String apiVersion = ApiResources.apiVersionOf(resource);
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? new Gvk("", apiVersion, resource.kind())
        : new Gvk(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), resource.kind());
  }
}
