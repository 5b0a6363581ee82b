package io.coxswain.node.pod;

import io.coxswain.api.core.Container;
import io.coxswain.api.core.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Events a node agent reports for what changed in one step of a pod, in the kubelet's words:
 * Pulled, Created, Started for a container start; Failed and BackOff for image pull failures;
 * BackOff for CrashLoopBackOff. Pure: a diff of two views.
 */
final class PodEvents {
  private PodEvents() {}

  record Note(boolean warning, String reason, String message) {}

  static List<Note> between(Pod pod, PodRuntime before, PodRuntime after) {
    List<Note> notes = new ArrayList<>();
    for (Container container : PodContainers.all(pod)) {
      ContainerRecord was = before.containers().get(container.name());
      ContainerRecord now = after.containers().get(container.name());
      if (now == null) {
        continue;
      }
      String name = container.name();
      boolean started = now.containerId() != null && (was == null || !Objects.equals(was.containerId(), now.containerId()));
      if (started) {
        notes.add(new Note(false, "Pulled", "Container image \"" + container.image() + "\" already present on machine"));
        notes.add(new Note(false, "Created", "Created container " + name));
        notes.add(new Note(false, "Started", "Started container " + name));
      }
      String reason = now.waitingReason();
      boolean newlyWaiting = reason != null && (was == null || !reason.equals(was.waitingReason())
          || !Objects.equals(was.nextStartAt(), now.nextStartAt()));
      if (newlyWaiting && "CrashLoopBackOff".equals(reason)) {
        notes.add(new Note(true, "BackOff", "Back-off restarting failed container " + name + " in pod "
            + pod.metadata().name() + "_" + pod.metadata().namespace() + "(" + pod.metadata().uid() + ")"));
      } else if (newlyWaiting && "ErrImagePull".equals(reason)) {
        notes.add(new Note(true, "Failed", now.waitingMessage()));
        notes.add(new Note(true, "Failed", "Error: ErrImagePull"));
      } else if (newlyWaiting && "ImagePullBackOff".equals(reason)) {
        notes.add(new Note(false, "BackOff", "Back-off pulling image \"" + container.image() + "\""));
        notes.add(new Note(true, "Failed", "Error: ImagePullBackOff"));
      }
    }
    probeNotes(pod, before, after, notes);
    notes.addAll(after.notes());
    return notes;
  }

  private static void probeNotes(Pod pod, PodRuntime before, PodRuntime after, List<Note> notes) {
    for (Container container : PodContainers.running(pod)) {
      String name = container.name();
      probeNote("Startup", container.startupProbe(), before.startup().get(name), after.startup().get(name), name, notes);
      probeNote("Readiness", null, before.readiness().get(name), after.readiness().get(name), name, notes);
      probeNote("Liveness", container.livenessProbe(), before.liveness().get(name), after.liveness().get(name), name,
          notes);
    }
  }

  /**
   * Unhealthy when the probe failed again; Killing too when {@code restarting} (a startup or
   * liveness probe) has now failed its threshold.
   */
  private static void probeNote(String kind, io.coxswain.api.core.Probe restarting, ProbeState was, ProbeState now,
      String container, List<Note> notes) {
    ProbeState previous = was == null ? ProbeState.INITIAL : was;
    if (now == null || now.failures() <= previous.failures()) {
      return;
    }
    // The kubelet's words: "Readiness probe failed: HTTP probe failed with statuscode: 404".
    notes.add(new Note(true, "Unhealthy", kind + " probe failed: " + now.lastFailure()));
    if (restarting != null && now.failedFor(restarting)) {
      notes.add(new Note(false, "Killing", "Container " + container + " failed " + kind.toLowerCase(java.util.Locale.ROOT)
          + " probe, will be restarted"));
    }
  }

  /** What the agent says when it stops a pod's containers. */
  static List<Note> killing(Pod pod) {
    List<Note> notes = new ArrayList<>();
    for (Container container : PodContainers.running(pod)) {
      notes.add(new Note(false, "Killing", "Stopping container " + container.name()));
    }
    return notes;
  }
}
