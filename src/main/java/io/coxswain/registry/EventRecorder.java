package io.coxswain.registry;

import io.coxswain.api.Defaulting;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.store.WriteFailures;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.Event;
import io.coxswain.api.core.EventSource;
import io.coxswain.api.core.ObjectReference;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Records Kubernetes Events about objects (what `kubectl describe` lists). The same reason and
 * message about the same object again bumps the existing event's count and lastTimestamp, as
 * Kubernetes' recorder aggregates, instead of adding a new one. Events are best effort, as in
 * Kubernetes: a failed write is logged (WriteFailures) and never fails the caller.
 */
public final class EventRecorder {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EventRecorder.class);
  private static final int REMEMBERED = 4096;

  private final Client client;
  private final String component;
  private final String host;
  private final Clock clock;
  private long lastNanos;
  private final Map<String, ResourceKey> recent = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ResourceKey> eldest) {
      return size() > REMEMBERED;
    }
  };

  public EventRecorder(Client client, String component, String host, Clock clock) {
    this.client = client;
    this.component = component;
    this.host = host;
    this.clock = clock;
  }

  public CompletionStage<?> normal(KubeObject object, String reason, String message) {
    return record(object, null, "Normal", reason, message);
  }

  public CompletionStage<?> warning(KubeObject object, String reason, String message) {
    return record(object, null, "Warning", reason, message);
  }

  /** @param fieldPath the part of the object the event is about ({@code spec.containers{web}}), or null */
  public CompletionStage<?> normal(KubeObject object, String fieldPath, String reason, String message) {
    return record(object, fieldPath, "Normal", reason, message);
  }

  /** @param fieldPath the part of the object the event is about ({@code spec.containers{web}}), or null */
  public CompletionStage<?> warning(KubeObject object, String fieldPath, String reason, String message) {
    return record(object, fieldPath, "Warning", reason, message);
  }

  private synchronized CompletionStage<?> record(KubeObject object, String fieldPath, String type, String reason,
      String message) {
    String now = Defaulting.now(clock);
    String aggregate = object.metadata().uid() + "|" + fieldPath + "|" + reason + "|" + message;
    ResourceKey existing = recent.get(aggregate);
    if (existing != null) {
      return WriteFailures.logged(client.update(existing, Event.class, current -> repeat(current, now)),
          log, "count repeated event " + reason + " in", existing);
    }
    String namespace = object.metadata().namespace() == null ? "default" : object.metadata().namespace();
    // As client-go's recorder: the object's name and the time in nanoseconds, in hex, so events
    // list in the order they happened (never the same twice from this recorder).
    java.time.Instant instant = clock.instant();
    lastNanos = Math.max(instant.getEpochSecond() * 1_000_000_000L + instant.getNano(), lastNanos + 1);
    String name = object.metadata().name() + "." + Long.toHexString(lastNanos);
    Event event = new Event("v1", "Event", ObjectMeta.named(namespace, name),
        new ObjectReference(object.kind(), object.metadata().namespace(), object.metadata().name(),
            object.metadata().uid(), object.apiVersion(), object.metadata().resourceVersion(), fieldPath),
        reason, message, new EventSource(component, host), now, now, 1, type, null, null, null, component, host,
        null);
    ResourceKey key = new ResourceKey("events", namespace, name);
    recent.put(aggregate, key);
    CompletionStage<?> created = client.create(event).exceptionallyCompose(failure -> {
      if (StoreClient.unwrap(failure).code() != 409) {
        return java.util.concurrent.CompletableFuture.failedStage(failure);
      }
      // Another member's recorder took the name in the same nanosecond: a name of its own.
      String unique = name + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt() & 0xffff);
      ResourceKey retried = new ResourceKey("events", namespace, unique);
      synchronized (this) {
        recent.replace(aggregate, key, retried);
      }
      return client.create((Event) event.withMetadata(event.metadata().withName(unique)));
    });
    return WriteFailures.logged(created, log, "record event " + reason + " in", key);
  }

  private static Event repeat(Event event, String now) {
    return event.withRepeat(event.count() == null ? 2 : event.count() + 1, now);
  }

}
