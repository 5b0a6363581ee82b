package io.coxswain.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import io.coxswain.node.config.PullSecrets;
import io.coxswain.node.runtime.RegistryAuth;
import io.coxswain.node.runtime.RuntimeFailure;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The image pull policy, as the kubelet applies it: {@code Never} uses what is present,
 * {@code IfNotPresent} pulls only when absent, {@code Always} pulls every start. A failed pull is
 * {@code ErrImagePull} with the daemon's message (the worker turns repeats into ImagePullBackOff).
 */
final class ImagePuller {
  private ImagePuller() {}

  /** @param auths the pod's imagePullSecrets' credentials; the one for the image's registry goes with the pull */
  static void ensure(DockerClient docker, String image, String policy, Duration timeout,
      java.util.List<RegistryAuth> auths) throws RuntimeFailure {
    boolean present = present(docker, image);
    if ("Never".equals(policy)) {
      if (!present) {
        throw new RuntimeFailure("ErrImageNeverPull",
            "Container image \"" + image + "\" is not present with pull policy of Never");
      }
      return;
    }
    if (present && !"Always".equals(policy)) {
      return;
    }
    pull(docker, image, timeout, auths);
  }

  private static boolean present(DockerClient docker, String image) throws RuntimeFailure {
    try {
      docker.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException absent) {
      return false;
    } catch (DockerException e) {
      throw new RuntimeFailure("ErrImageInspect", DockerErrors.message(e));
    }
  }

  private static void pull(DockerClient docker, String image, Duration timeout, java.util.List<RegistryAuth> auths)
      throws RuntimeFailure {
    ImageName name = ImageName.parse(image);
    try {
      var pull = docker.pullImageCmd(name.repository()).withTag(name.tag());
      RegistryAuth auth = auths.isEmpty() ? null
          : PullSecrets.forImage(image, auths, docker.infoCmd().exec().getIndexServerAddress());
      if (auth != null) {
        pull.withAuthConfig(new AuthConfig().withRegistryAddress(auth.registry()).withUsername(auth.username())
            .withPassword(auth.password()));
      }
      boolean done = pull.exec(new PullImageResultCallback())
          .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        throw new RuntimeFailure("ErrImagePull", "Failed to pull image \"" + image + "\": timed out after "
            + timeout.toSeconds() + "s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeFailure("ErrImagePull", "Failed to pull image \"" + image + "\": interrupted");
    } catch (DockerException | com.github.dockerjava.api.exception.DockerClientException e) {
      throw new RuntimeFailure("ErrImagePull", "Failed to pull image \"" + image + "\": " + DockerErrors.message(e));
    }
  }

  /** {@code [host[:port]/]path[:tag][@digest]}: the tag is after the last colon of the last path part. */
  record ImageName(String repository, String tag) {
    static ImageName parse(String image) {
      int at = image.indexOf('@');
      if (at >= 0) {
        return new ImageName(image.substring(0, at), image.substring(at + 1));
      }
      int slash = image.lastIndexOf('/');
      int colon = image.lastIndexOf(':');
      if (colon > slash) {
        return new ImageName(image.substring(0, colon), image.substring(colon + 1));
      }
      return new ImageName(image, "latest");
    }
  }
}
