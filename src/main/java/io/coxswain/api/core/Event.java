package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;

/**
 * Kubernetes {@code v1.Event} (core group). Timestamps are RFC 3339 strings; eventTime is a
 * MicroTime ("2026-11-27T02:06:36.123456Z"). type is Normal or Warning.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    ObjectReference involvedObject,
    String reason,
    String message,
    EventSource source,
    String firstTimestamp,
    String lastTimestamp,
    Integer count,
    String type,
    String eventTime,
    String action,
    ObjectReference related,
    String reportingComponent,
    String reportingInstance,
    EventSeries series) implements KubeObject {

  public Event {
    apiVersion = apiVersion == null ? "v1" : apiVersion;
    kind = kind == null ? "Event" : kind;
    metadata = metadata == null ? ObjectMeta.named(null, null) : metadata;
  }

  @Override
  public Event withMetadata(ObjectMeta v) {
    return new Event(apiVersion, kind, v, involvedObject, reason, message, source, firstTimestamp, lastTimestamp,
        count, type, eventTime, action, related, reportingComponent, reportingInstance, series);
  }

  /** The same event seen again: Kubernetes bumps count and lastTimestamp instead of adding a new one. */
  public Event withRepeat(int newCount, String newLastTimestamp) {
    return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp,
        newLastTimestamp, newCount, type, eventTime, action, related, reportingComponent, reportingInstance,
        series);
  }
}
