package io.coxswain.cli;

import io.coxswain.api.ApiException;
import io.coxswain.api.Json;
import io.coxswain.api.Status;
import io.coxswain.api.core.PodTemplateSpec;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.controller.RollingUpdateSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * Starting and following an RC's rolling update from the client side: starting it is one write of
 * the RC (new template, the previous one kept for rollback, the update period), after which the
 * RC's controller does the work on the server; following it reads the RC and its pods until every
 * pod runs the new template or the timeout passes. Killing the client changes nothing on the server.
 */
final class RollingUpdates {
  private RollingUpdates() {}

  /** Writes the new template and the rolling-update annotation, keeping the template it replaces. */
  static ReplicationController start(ApiCalls api, ReplicationController rc, PodTemplateSpec next, Duration period) {
    if (Json.toTree(rc.spec().template()).equals(Json.toTree(next))) {
      throw new ApiException(Status.failure(400, "BadRequest", "replicationcontroller \"" + rc.metadata().name()
          + "\" already runs this template; nothing to update", null));
    }
    Map<String, String> annotations = ApiCalls.mutable(rc.metadata().annotations());
    annotations.put(RollingUpdateSpec.PREVIOUS, new String(Json.encode(rc.spec().template(), false),
        java.nio.charset.StandardCharsets.UTF_8));
    annotations.put(RollingUpdateSpec.ANNOTATION, Long.toString(period.getSeconds()));
    ReplicationController updated = rc.withSpec(new io.coxswain.api.core.ReplicationControllerSpec(
        rc.spec().replicas(), rc.spec().minReadySeconds(), rc.spec().selector(), next))
        .withMetadata(rc.metadata().withAnnotations(annotations));
    return api.replaceRc(updated);
  }

  /**
   * Follows the RC until its update is done (0) or {@code timeout} passes (1), printing progress:
   * a bar redrawn in place on a terminal, a line per change otherwise.
   */
  static int follow(ApiCalls api, String name, Duration timeout, PrintStream out) throws InterruptedException {
    boolean terminal = System.console() != null;
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (true) {
      ReplicationController rc = api.getRc(name);
      RolloutProgress progress = RolloutProgress.of(rc, api.podsOf(rc));
      String shown = terminal ? progress.bar() : progress.line();
      if (!shown.equals(last)) {
        out.print(terminal ? "\r" + shown : shown + System.lineSeparator());
        out.flush();
        last = shown;
      }
      if (progress.done()) {
        out.println((terminal ? System.lineSeparator() : "") + "replicationcontroller \"" + name
            + "\" rolling update complete");
        return 0;
      }
      if (System.nanoTime() > deadline) {
        out.println((terminal ? System.lineSeparator() : "") + "error: timed out waiting for replicationcontroller \""
            + name + "\"; the update goes on in the cluster (cox rollout status " + name + ")");
        return 1;
      }
      Thread.sleep(250);
    }
  }
}
