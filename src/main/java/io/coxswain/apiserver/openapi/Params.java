package io.coxswain.apiserver.openapi;

import io.coxswain.apiserver.openapi.Operation.Param;
import java.util.List;

/** The query parameters Kubernetes documents on each kind of operation. */
final class Params {
  private Params() {}

  static final Param PRETTY = Param.query("pretty", "string",
      "If 'true', then the output is pretty printed.");
  static final Param DRY_RUN = Param.query("dryRun", "string",
      "When present, indicates that modifications should not be persisted. Valid values are: - All: all dry "
          + "run stages will be processed");
  static final Param FIELD_MANAGER = Param.query("fieldManager", "string",
      "fieldManager is a name associated with the actor or entity that is making these changes.");
  /**
   * kubectl 1.32 looks for this parameter on PATCH operations (in the v3 document) to decide that the
   * server validates fields itself; without it kubectl falls back to client-side validation.
   */
  static final Param FIELD_VALIDATION = Param.query("fieldValidation", "string",
      "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) "
          + "containing unknown or duplicate fields. Valid values are: - Ignore: unknown fields are silently "
          + "dropped. - Warn: each unknown or duplicate field is reported in a warning header. - Strict: the "
          + "request fails with a BadRequest error listing every unknown and duplicate field.");
  static final Param FORCE = Param.query("force", "boolean",
      "Force is going to \"force\" Apply requests. It must be unset for non-apply patch requests.");

  static final List<Param> WRITE = List.of(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION);
  static final List<Param> PATCH = List.of(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE);

  static final List<Param> LIST = List.of(
      Param.query("allowWatchBookmarks", "boolean", "allowWatchBookmarks requests watch events with type "
          + "\"BOOKMARK\"."),
      Param.query("continue", "string", "The continue option should be set when retrieving more results from "
          + "the server, with the value the previous page returned."),
      Param.query("fieldSelector", "string", "A selector to restrict the list of returned objects by their "
          + "fields. Defaults to everything."),
      Param.query("labelSelector", "string", "A selector to restrict the list of returned objects by their "
          + "labels. Defaults to everything."),
      Param.query("limit", "integer", "limit is a maximum number of responses to return for a list call."),
      Param.query("resourceVersion", "string", "resourceVersion sets a constraint on what resource versions a "
          + "request may be served from."),
      Param.query("resourceVersionMatch", "string", "resourceVersionMatch determines how resourceVersion is "
          + "applied to list calls."),
      Param.query("sendInitialEvents", "boolean", "`sendInitialEvents=true` may be set together with "
          + "`watch=true`: the stream starts with synthetic ADDED events for the current state."),
      Param.query("timeoutSeconds", "integer", "Timeout for the list/watch call."),
      Param.query("watch", "boolean", "Watch for changes to the described resources and return them as a "
          + "stream of add, update, and remove notifications."));

  static final List<Param> DELETE = List.of(
      DRY_RUN,
      Param.query("gracePeriodSeconds", "integer", "The duration in seconds before the object should be "
          + "deleted. Zero means delete immediately."),
      Param.query("orphanDependents", "boolean", "Deprecated: please use the PropagationPolicy."),
      Param.query("propagationPolicy", "string", "Whether and how garbage collection will be performed: "
          + "Orphan, Background or Foreground."));

  static final List<Param> LOG = List.of(
      Param.query("container", "string", "The container for which to stream logs. Defaults to only container "
          + "if there is one container in the pod."),
      Param.query("follow", "boolean", "Follow the log stream of the pod. Defaults to false."),
      Param.query("limitBytes", "integer", "If set, the number of bytes to read from the server before "
          + "terminating the log output."),
      Param.query("previous", "boolean", "Return previous terminated container logs. Defaults to false."),
      Param.query("sinceSeconds", "integer", "A relative time in seconds before the current time from which "
          + "to show logs."),
      Param.query("tailLines", "integer", "If set, the number of lines from the end of the logs to show."),
      Param.query("timestamps", "boolean", "If true, add an RFC3339 timestamp at the beginning of every line "
          + "of log output."));
}
