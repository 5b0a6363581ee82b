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
    for (Container container : pod.spec().containers()) {
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
    return notes;
  }

  private static void probeNotes(Pod pod, PodRuntime before, PodRuntime after, List<Note> notes) {
    for (Container container : pod.spec().containers()) {
      String name = container.name();
      ProbeState startWas = before.startup().getOrDefault(name, ProbeState.INITIAL);
      ProbeState startNow = after.startup().get(name);
      if (startNow != null && startNow.failures() > startWas.failures()) {
        notes.add(new Note(true, "Unhealthy", "Startup probe failed"));
        if (startNow.failedFor(container.startupProbe())) {
          notes.add(new Note(false, "Killing", "Container " + name + " failed startup probe, will be restarted"));
        }
      }
      ProbeState readyWas = before.readiness().getOrDefault(name, ProbeState.INITIAL);
      ProbeState readyNow = after.readiness().get(name);
      if (readyNow != null && readyNow.failures() > readyWas.failures()) {
        notes.add(new Note(true, "Unhealthy", "Readiness probe failed"));
      }
      ProbeState liveWas = before.liveness().getOrDefault(name, ProbeState.INITIAL);
      ProbeState liveNow = after.liveness().get(name);
      if (liveNow != null && liveNow.failures() > liveWas.failures()) {
        notes.add(new Note(true, "Unhealthy", "Liveness probe failed"));
        if (liveNow.failedFor(container.livenessProbe())) {
          notes.add(new Note(false, "Killing", "Container " + name + " failed liveness probe, will be restarted"));
        }
      }
    }
  }

  /** What the agent says when it stops a pod's containers. */
  static List<Note> killing(Pod pod) {
    List<Note> notes = new ArrayList<>();
    for (Container container : pod.spec().containers()) {
      notes.add(new Note(false, "Killing", "Stopping container " + container.name()));
    }
    return notes;
  }
}
