package io.coxswain.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's own record of when each benchmark pod's containers were created and started (its
 * event stream, ns wall-clock timestamps), to split a pod's startup into stages without touching
 * the code under test. Coxswain's containers are recognised by their runtime labels (this node's
 * name), the floor's by the benchmark's labels.
 */
final class DockerTimeline implements Closeable {
  static final String FLOOR_POD = "io.coxswain.bench.pod";
  static final String FLOOR_ROLE = "io.coxswain.bench.role";

  /** First create/start of a pod's pause and app container, epoch ns (0 = not seen). */
  static final class PodEvents {
    volatile long pauseCreated;
    volatile long pauseStarted;
    volatile long appCreated;
    volatile long appStarted;
  }

  private final Map<String, PodEvents> pods = new ConcurrentHashMap<>();
  private final String nodeName;
  private final Callback callback = new Callback();

  private DockerTimeline(String nodeName) {
    this.nodeName = nodeName;
  }

  /** Subscribes; returns once the daemon has answered the events request. */
  static DockerTimeline start(DockerClient docker, String nodeName) throws InterruptedException {
    DockerTimeline timeline = new DockerTimeline(nodeName);
    docker.eventsCmd().withEventTypeFilter(EventType.CONTAINER).withEventFilter("create", "start")
        .exec(timeline.callback);
    if (!timeline.callback.started.await(10, TimeUnit.SECONDS)) {
      timeline.close();
      throw new IllegalStateException("the Docker event stream did not start within 10 s");
    }
    return timeline;
  }

  PodEvents get(String pod) {
    return pods.get(pod);
  }

  private void record(Event event) {
    if (event.getActor() == null || event.getActor().getAttributes() == null || event.getTimeNano() == null) {
      return;
    }
    Map<String, String> attributes = event.getActor().getAttributes();
    String pod;
    boolean pause;
    if (nodeName.equals(attributes.get("io.coxswain.node")) && attributes.get("io.coxswain.pod.name") != null) {
      pod = attributes.get("io.coxswain.pod.name");
      pause = "true".equals(attributes.get("io.coxswain.sandbox"));
    } else if (attributes.get(FLOOR_POD) != null) {
      pod = attributes.get(FLOOR_POD);
      pause = "pause".equals(attributes.get(FLOOR_ROLE));
    } else {
      return;
    }
    String action = event.getAction() != null ? event.getAction() : event.getStatus();
    PodEvents times = pods.computeIfAbsent(pod, p -> new PodEvents());
    long at = event.getTimeNano();
    synchronized (times) {
      if ("create".equals(action)) {
        if (pause && times.pauseCreated == 0) {
          times.pauseCreated = at;
        } else if (!pause && times.appCreated == 0) {
          times.appCreated = at;
        }
      } else if ("start".equals(action)) {
        if (pause && times.pauseStarted == 0) {
          times.pauseStarted = at;
        } else if (!pause && times.appStarted == 0) {
          times.appStarted = at;
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      callback.close();
    } catch (IOException ignored) {
      // best effort
    }
  }

  private final class Callback extends ResultCallback.Adapter<Event> {
    final CountDownLatch started = new CountDownLatch(1);

    @Override
    public void onStart(Closeable stream) {
      super.onStart(stream);
      started.countDown();
    }

    @Override
    public void onNext(Event event) {
      record(event);
    }
  }
}
