package io.coxswain.apiserver.logs;

import io.coxswain.api.ApiException;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.NodeAddress;
import io.coxswain.api.core.Pod;
import io.coxswain.node.runtime.LogReader;
import io.coxswain.node.runtime.RuntimeFailure;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.WatchCache;
import java.io.Closeable;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.apache.pekko.util.ByteString;

/**
 * {@code GET /api/v1/namespaces/{ns}/pods/{name}/log}: served by whichever member runs the pod.
 * A pod on this member is read from the local runtime; a pod elsewhere is forwarded to its node's
 * agent endpoint (the node's InternalIP and kubelet port), which is that member's API.
 */
public final class PodLogs {
  /** A streamed body, or a member's answer passed through as is. */
  public sealed interface Answer {}

  public record Stream(Source<ByteString, NotUsed> body) implements Answer {}

  public record Forwarded(HttpResponse response) implements Answer {}

  private final WatchCache cache;
  private final String localNode;
  private final LogReader localReader;
  private final ActorSystem<?> system;
  private final Executor blocking;
  private final Clock clock;

  /** {@code localReader} is null when this member runs no node agent or its runtime keeps no logs. */
  public PodLogs(WatchCache cache, String localNode, LogReader localReader, ActorSystem<?> system, Executor blocking,
      Clock clock) {
    this.cache = cache;
    this.localNode = localNode;
    this.localReader = localReader;
    this.system = system;
    this.blocking = blocking;
    this.clock = clock;
  }

  public CompletionStage<Answer> logs(String namespace, String podName, Map<String, String> query) {
    Pod pod = (Pod) cache.view().get(new ResourceKey("pods", namespace, podName));
    if (pod == null) {
      throw ApiException.notFound("Pod", "pods", podName);
    }
    LogQuery logQuery = LogQuery.parse(query, podName, clock);
    LogTarget target = LogTarget.resolve(pod, logQuery);
    if (target.node().equals(localNode)) {
      return local(pod, target, logQuery);
    }
    return forward(target.node(), namespace, podName, query);
  }

  private CompletionStage<Answer> local(Pod pod, LogTarget target, LogQuery query) {
    String podName = pod.metadata().name();
    String containerId = target.containerId(pod, query.previous());
    if (localReader == null) {
      throw ApiException.badRequest("the container runtime of node " + localNode + " keeps no logs (pod "
          + podName + ")");
    }
    Pair<SourceQueueWithComplete<ByteString>, Source<ByteString, NotUsed>> queued =
        Source.<ByteString>queue(16, OverflowStrategy.backpressure()).preMaterialize(Materializer.matFromSystem(system));
    SourceQueueWithComplete<ByteString> queue = queued.first();
    // Opening the runtime's log stream blocks (a daemon call): off the request thread.
    return CompletableFuture.supplyAsync(() -> {
      try {
        Closeable handle = localReader.logs(containerId, query.options(), new QueueSink(queue));
        // A client that goes away cancels the stream; then the runtime's stream closes too.
        queue.watchCompletion().whenComplete((done, failure) -> closeQuietly(handle));
        return new Stream(queued.second());
      } catch (RuntimeFailure e) {
        queue.complete();
        throw ApiException.badRequest("container \"" + target.container() + "\" in pod \"" + podName
            + "\": " + e.getMessage());
      }
    }, blocking);
  }

  private CompletionStage<Answer> forward(String nodeName, String namespace, String podName, Map<String, String> query) {
    Node node = (Node) cache.view().get(ResourceKey.clusterScoped("nodes", nodeName));
    String address = node == null ? null : internalIp(node);
    Integer port = node == null || node.status() == null || node.status().daemonEndpoints() == null
        || node.status().daemonEndpoints().kubeletEndpoint() == null ? null
        : node.status().daemonEndpoints().kubeletEndpoint().port();
    if (address == null || port == null || port == 0) {
      throw ApiException.badRequest("node " + nodeName + " of pod " + podName + " has no agent endpoint to read "
          + "logs from");
    }
    String host = address.contains(":") ? "[" + address + "]" : address;
    String uri = "http://" + host + ":" + port + "/api/v1/namespaces/" + namespace + "/pods/" + podName + "/log"
        + queryString(query);
    return Http.get(system).singleRequest(HttpRequest.GET(uri)).thenApply(Forwarded::new);
  }

  private static String internalIp(Node node) {
    for (NodeAddress address : node.status().addresses()) {
      if ("InternalIP".equals(address.type())) {
        return address.address();
      }
    }
    return null;
  }

  private static String queryString(Map<String, String> query) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(query).entrySet()) {
      out.append(out.length() == 0 ? '?' : '&').append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  private static void closeQuietly(Closeable handle) {
    try {
      handle.close();
    } catch (IOException ignored) {
      // the stream is going away either way
    }
  }

  /** The runtime's thread pushes into the stream; a full buffer blocks it (backpressure). */
  private record QueueSink(SourceQueueWithComplete<ByteString> queue) implements LogReader.Sink {
    @Override
    public void chunk(byte[] bytes) {
      Object result = queue.offer(ByteString.fromArray(bytes)).toCompletableFuture().join();
      if (!(result instanceof org.apache.pekko.stream.QueueOfferResult.Enqueued$)) {
        throw new IllegalStateException("log reader went away");
      }
    }

    @Override
    public void end() {
      queue.complete();
    }

    @Override
    public void fail(Throwable failure) {
      queue.fail(failure);
    }
  }
}
