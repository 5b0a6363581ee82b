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

  /**
   * One event to record about the pod; {@code fieldPath} names the container it is about
   * ({@code spec.containers{web}}, as the kubelet's involvedObject.fieldPath), or null.
   */
  record Note(boolean warning, String reason, String message, String fieldPath) {
    Note(boolean warning, String reason, String message) {
      this(warning, reason, message, null);
    }

    Note about(String path) {
      return new Note(warning, reason, message, path);
    }
  }

  /** The kubelet's fieldPath for a container: {@code spec.initContainers{name}} or {@code spec.containers{name}}. */
  static String fieldPath(Pod pod, String container) {
    boolean init = pod.spec().initContainers().stream().anyMatch(c -> c.name().equals(container));
    return (init ? "spec.initContainers{" : "spec.containers{") + container + "}";
  }

  static List<Note> between(Pod pod, PodRuntime before, PodRuntime after) {
    List<Note> notes = new ArrayList<>();
    for (Container container : PodContainers.all(pod)) {
      ContainerRecord was = before.containers().get(container.name());
      ContainerRecord now = after.containers().get(container.name());
      if (now == null) {
        continue;
      }
      String name = container.name();
      List<Note> about = new ArrayList<>();
      boolean started = now.containerId() != null && (was == null || !Objects.equals(was.containerId(), now.containerId()));
      if (started) {
        about.add(new Note(false, "Pulled", "Container image \"" + container.image() + "\" already present on machine"));
        about.add(new Note(false, "Created", "Created container " + name));
        about.add(new Note(false, "Started", "Started container " + name));
      }
      String reason = now.waitingReason();
      boolean newlyWaiting = reason != null && (was == null || !reason.equals(was.waitingReason())
          || !Objects.equals(was.nextStartAt(), now.nextStartAt()));
      if (newlyWaiting && "CrashLoopBackOff".equals(reason)) {
        about.add(new Note(true, "BackOff", "Back-off restarting failed container " + name + " in pod "
            + pod.metadata().name() + "_" + pod.metadata().namespace() + "(" + pod.metadata().uid() + ")"));
      } else if (newlyWaiting && "ErrImagePull".equals(reason)) {
        about.add(new Note(true, "Failed", now.waitingMessage()));
        about.add(new Note(true, "Failed", "Error: ErrImagePull"));
      } else if (newlyWaiting && "ImagePullBackOff".equals(reason)) {
        about.add(new Note(false, "BackOff", "Back-off pulling image \"" + container.image() + "\""));
        about.add(new Note(true, "Failed", "Error: ImagePullBackOff"));
      } else if (newlyWaiting && "ErrImageNeverPull".equals(reason)) {
        about.add(new Note(true, "ErrImageNeverPull", now.waitingMessage()));
        about.add(new Note(true, "Failed", "Error: ErrImageNeverPull"));
      } else if (newlyWaiting && (reason.equals("CreateContainerConfigError") || reason.equals("CreateContainerError")
          || reason.equals("RunContainerError"))) {
        // The kubelet's FailedToCreateContainer: "Error: configmap \"app\" not found".
        about.add(new Note(true, "Failed", "Error: " + now.waitingMessage()));
      }
      String path = fieldPath(pod, name);
      about.forEach(note -> notes.add(note.about(path)));
    }
    probeNotes(pod, before, after, notes);
    notes.addAll(after.notes());
    return notes;
  }

  private static void probeNotes(Pod pod, PodRuntime before, PodRuntime after, List<Note> notes) {
    for (Container container : PodContainers.running(pod)) {
      String name = container.name();
      String path = fieldPath(pod, name);
      probeNote("Startup", container.startupProbe(), before.startup().get(name), after.startup().get(name), name, path,
          notes);
      probeNote("Readiness", null, before.readiness().get(name), after.readiness().get(name), name, path, notes);
      probeNote("Liveness", container.livenessProbe(), before.liveness().get(name), after.liveness().get(name), name,
          path, notes);
    }
  }

  /**
   * Unhealthy when the probe failed again; Killing too when {@code restarting} (a startup or
   * liveness probe) has now failed its threshold.
   */
  private static void probeNote(String kind, io.coxswain.api.core.Probe restarting, ProbeState was, ProbeState now,
      String container, String path, List<Note> notes) {
    ProbeState previous = was == null ? ProbeState.INITIAL : was;
    if (now == null || now.failures() <= previous.failures()) {
      return;
    }
    // The kubelet's words: "Readiness probe failed: HTTP probe failed with statuscode: 404".
    notes.add(new Note(true, "Unhealthy", kind + " probe failed: " + now.lastFailure(), path));
    if (restarting != null && now.failedFor(restarting)) {
      notes.add(new Note(false, "Killing", "Container " + container + " failed " + kind.toLowerCase(java.util.Locale.ROOT)
          + " probe, will be restarted", path));
    }
  }

  /** What the agent says when it stops a pod's containers. */
  static List<Note> killing(Pod pod) {
    List<Note> notes = new ArrayList<>();
    for (Container container : PodContainers.running(pod)) {
      notes.add(new Note(false, "Killing", "Stopping container " + container.name(),
          fieldPath(pod, container.name())));
    }
    return notes;
  }
}
