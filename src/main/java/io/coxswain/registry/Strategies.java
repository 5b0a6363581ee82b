package io.coxswain.registry;

import io.coxswain.api.ApiException;
import io.coxswain.api.ApiResource;
import io.coxswain.api.ApiResources;
import io.coxswain.api.KubeObject;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.store.Deletion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The strategy of every kind the registry writes, by resource name: the one place a kind is
 * listed for writing. One per registry, since a Service's strategy holds this member's allocator.
 */
public final class Strategies {
  private final Map<String, Strategy> byResource = new LinkedHashMap<>();

  /** @param serviceCidr the cluster IP range, e.g. {@code 10.96.0.0/16} */
  public Strategies(String serviceCidr, java.util.Random random) {
    register(new PodStrategy());
    register(new ReplicationControllerStrategy());
    register(new ServiceStrategy(new ServiceAllocator(serviceCidr, random)));
    register(plain(ApiResources.ENDPOINTS));
    register(plain(ApiResources.EVENTS));
    register(new NodeStrategy());
    register(new NamespaceStrategy());
    register(plain(ApiResources.CONFIG_MAPS));
    register(new SecretStrategy());
    register(plain(ApiResources.SERVICE_ACCOUNTS));
    register(plain(ApiResources.LEASES));
    register(plain(ApiResources.ENDPOINT_SLICES));
    register(plain(ApiResources.DEPLOYMENTS));
    register(plain(ApiResources.REPLICA_SETS));
  }

  /** Secrets: stringData folded into data and the type defaulted on every write, before validation. */
  static final class SecretStrategy implements Strategy {
    @Override
    public ApiResource resource() {
      return ApiResources.SECRETS;
    }

    @Override
    public KubeObject prepareForCreate(KubeObject object, String namespace, java.time.Clock clock,
        java.util.Random random) {
      return Strategy.super.prepareForCreate(((io.coxswain.api.core.Secret) object).normalized(), namespace, clock,
          random);
    }

    @Override
    public KubeObject prepareForUpdate(KubeObject current, KubeObject updated) {
      return Strategy.super.prepareForUpdate(current, ((io.coxswain.api.core.Secret) updated).normalized());
    }
  }

  private void register(Strategy strategy) {
    byResource.put(strategy.resource().name(), strategy);
  }

  /** A kind with no rules beyond the defaults. */
  private static Strategy plain(ApiResource resource) {
    return () -> resource;
  }

  public Strategy of(String resource) {
    Strategy strategy = byResource.get(resource);
    if (strategy == null) {
      // The API routes only served resources here; anything else is a caller's bug.
      throw new IllegalArgumentException("no strategy for resource " + resource);
    }
    return strategy;
  }

  public Strategy of(ApiResource resource) {
    return of(resource.name());
  }

  public Strategy of(KubeObject object) {
    return of(ApiResources.byKind(object.kind()).orElseThrow(() -> ApiException.badRequest(
        "no kind \"" + object.kind() + "\" is registered")));
  }

  public List<Strategy> all() {
    return List.copyOf(byResource.values());
  }

  /** Pods: a pod on a node stops gracefully (its own terminationGracePeriodSeconds, 30 by default). */
  static final class PodStrategy implements Strategy {
    @Override
    public ApiResource resource() {
      return ApiResources.PODS;
    }

    @Override
    public KubeObject withStatusOf(KubeObject target, KubeObject source) {
      return ((Pod) target).withStatus(((Pod) source).status());
    }

    @Override
    public long gracePeriodSeconds(KubeObject current, Deletion.Options options) {
      Pod pod = (Pod) current;
      if (pod.spec().nodeName() == null || pod.spec().nodeName().isEmpty()) {
        return 0; // nothing runs it: nothing to stop
      }
      if (options.gracePeriodSeconds() != null) {
        return options.gracePeriodSeconds();
      }
      Long fromSpec = pod.spec().terminationGracePeriodSeconds();
      return fromSpec == null ? 30 : fromSpec;
    }
  }

  /**
   * Services: a cluster IP and node ports allocated on create; a Service turned NodePort or
   * LoadBalancer gets node ports on update, and one turned ClusterIP gives its node ports back.
   */
  static final class ServiceStrategy implements Strategy {
    private final ServiceAllocator allocator;

    ServiceStrategy(ServiceAllocator allocator) {
      this.allocator = allocator;
    }

    @Override
    public ApiResource resource() {
      return ApiResources.SERVICES;
    }

    @Override
    public KubeObject allocate(KubeObject prepared, io.coxswain.store.CacheView view) {
      return allocator.allocate(prepared, view);
    }

    @Override
    public KubeObject allocateOnUpdate(KubeObject current, KubeObject next, io.coxswain.store.CacheView view) {
      return allocator.reallocate((io.coxswain.api.core.Service) current, (io.coxswain.api.core.Service) next, view);
    }

    @Override
    public boolean retryAllocation(KubeObject requested, ApiException error) {
      return allocator.takenElsewhere((io.coxswain.api.core.Service) requested, error);
    }
  }

  /** ReplicationControllers: core/v1 orphans dependents by default, for compatibility, as Kubernetes does. */
  static final class ReplicationControllerStrategy implements Strategy {
    @Override
    public ApiResource resource() {
      return ApiResources.REPLICATION_CONTROLLERS;
    }

    @Override
    public String defaultPropagationPolicy() {
      return "Orphan";
    }

    @Override
    public KubeObject withStatusOf(KubeObject target, KubeObject source) {
      return ((ReplicationController) target).withStatus(((ReplicationController) source).status());
    }
  }

  /** Nodes: heartbeats are status writes, many per second in a large cluster. */
  static final class NodeStrategy implements Strategy {
    @Override
    public ApiResource resource() {
      return ApiResources.NODES;
    }

    @Override
    public KubeObject withStatusOf(KubeObject target, KubeObject source) {
      return ((Node) target).withStatus(((Node) source).status());
    }
  }
}
