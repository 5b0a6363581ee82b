package io.coxswain.network;

import io.coxswain.api.discovery.EndpointSlice;
import io.coxswain.store.Indexes;
import io.coxswain.api.core.Service;
import io.coxswain.controller.kit.Controller;
import io.coxswain.controller.kit.Informer;
import io.coxswain.store.CacheView;
import io.coxswain.store.WatchCache;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.Behavior;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's service proxy (kube-proxy): one per member, on the {@link Controller} kit. Every change
 * of a Service or an EndpointSlice queues the one key this controller has, so a burst of changes
 * coalesces into one rebuild (the work queue never holds a key twice); the rebuild plans the whole
 * {@link Ruleset} from this node's cache and hands it to the {@link ServiceDataplane}, off the
 * actor's thread. A failed apply is retried with the kit's backoff.
 */
public final class ServiceProxy {
  private static final Logger log = LoggerFactory.getLogger(ServiceProxy.class);
  static final String KEY = "service-rules";

  private final String nodeName;
  private final ServiceDataplane dataplane;
  private final Executor blocking;

  private ServiceProxy(String nodeName, ServiceDataplane dataplane, Executor blocking) {
    this.nodeName = nodeName;
    this.dataplane = dataplane;
    this.blocking = blocking;
  }

  /**
   * @param dataplane started already ({@link ServiceDataplane#start})
   * @param blocking  where nft runs (a blocking dispatcher)
   */
  public static Behavior<Controller.Command> create(WatchCache cache, String nodeName, ServiceDataplane dataplane,
      Executor blocking, Duration resync, Clock clock) {
    ServiceProxy proxy = new ServiceProxy(nodeName, dataplane, blocking);
    return Controller.create(Controller.Settings.of("service-proxy", resync).withWorkers(1), cache,
        Controller.Reconciler.of(proxy::reconcile, view -> List.of(KEY)), List.of(
            Informer.<Service, String>of("services", Service.class, (before, after, view, enqueue) -> enqueue.accept(KEY)),
            Informer.<EndpointSlice, String>of("endpointslices", EndpointSlice.class,
                (before, after, view, enqueue) -> enqueue.accept(KEY))), clock);
  }

  /** Plans the rules from the cache as it is now and applies them. */
  private CompletionStage<Controller.Result> reconcile(String key, CacheView view) {
    List<Service> services = view.list("services", null, null, 0, o -> true).items().stream()
        .map(o -> (Service) o).toList();
    Ruleset next = ServiceRules.plan(services, service -> slicesOf(view, service), nodeName);
    return CompletableFuture.supplyAsync(() -> {
      long started = System.nanoTime();
      try {
        if (dataplane.sync(next)) {
          log.debug("service rules synced: {} service ports, {} endpoints in {} ms", next.serviceIps().size(),
              next.endpointChains(), (System.nanoTime() - started) / 1_000_000);
        }
        return Controller.Result.DONE;
      } catch (ServiceRange.Unsafe | NftTables.Unavailable e) {
        throw new CompletionException(e);
      }
    }, blocking);
  }

  private static List<EndpointSlice> slicesOf(CacheView view, Service service) {
    return view.indexed(Indexes.SERVICE_NAME, Indexes.service(service.metadata().namespace(),
        service.metadata().name())).stream().map(o -> (EndpointSlice) o).toList();
  }
}
