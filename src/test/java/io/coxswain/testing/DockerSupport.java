package io.coxswain.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.coxswain.node.runtime.RuntimeLabels;
import io.coxswain.node.runtime.docker.BusyboxImage;
import io.coxswain.node.runtime.docker.DockerConnector;
import io.coxswain.node.runtime.docker.DockerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the Docker tests share: a client for the local daemon, the locally built test image, and
 * clean-up of what a test node left. A missing daemon fails the tests (it is never a skip): CI
 * starts one (see .ci/run).
 */
public final class DockerSupport {
  public static final String HOST = "unix:///var/run/docker.sock";
  /** busybox-static in a scratch image: sh, httpd, wget, sleep, cat, ... (see BusyboxImage.APPLETS). */
  public static final String TEST_IMAGE = "coxswain-test/busybox:1";

  private DockerSupport() {}

  public static DockerClient client() {
    return DockerConnector.client(new DockerSettings(HOST, "", "", "", "", Path.of("/bin/busybox"), Duration.ofMinutes(1),
        Duration.ofSeconds(60), Duration.ofMinutes(1)));
  }

  /** Fails (does not skip) when no daemon answers; builds the test image when absent. */
  public static DockerClient requireDocker() {
    DockerClient docker = client();
    try {
      docker.pingCmd().exec();
    } catch (RuntimeException e) {
      throw new AssertionError("the Docker tests need a Docker daemon at " + HOST + " (.ci/run starts one): " + e, e);
    }
    try {
      BusyboxImage.ensure(docker, TEST_IMAGE, Path.of("/bin/busybox"), List.of("/bin/sh"));
    } catch (Exception e) {
      throw new AssertionError("cannot build the test image " + TEST_IMAGE + ": " + e.getMessage(), e);
    }
    return docker;
  }

  /** Every container (running or not) that belongs to the pod with this uid. */
  public static List<Container> containersOf(DockerClient docker, String podUid) {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(RuntimeLabels.POD_UID, podUid)).exec();
  }

  /** Removes everything labelled with this node (what a test node leaves behind). */
  public static void removeNodeContainers(DockerClient docker, String node) {
    for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(RuntimeLabels.NODE, node))
        .exec()) {
      try {
        docker.removeContainerCmd(c.getId()).withForce(true).exec();
      } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
        // removed with its sandbox a moment ago
      } catch (com.github.dockerjava.api.exception.ConflictException removing) {
        // a member's agent or fencing is removing it right now ("removal ... already in progress")
        if (!String.valueOf(removing.getMessage()).contains("already in progress")) {
          throw removing;
        }
      }
    }
  }
}
