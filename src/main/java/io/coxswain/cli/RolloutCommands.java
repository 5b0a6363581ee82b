package io.coxswain.cli;

import io.coxswain.api.ApiException;
import io.coxswain.api.Json;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.PodTemplateSpec;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.controller.RollingUpdateSpec;
import io.coxswain.node.GoDurations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The talk's rolling update of a ReplicationController, done on the server: {@code cox
 * rolling-update}, {@code cox rollback} and {@code cox rollout status}. Each prints the server's
 * Status message and exits 1 when the API refuses.
 */
public final class RolloutCommands {
  private RolloutCommands() {}

  /** Runs a command body, turning an API refusal into its message and exit code 1. */
  static int run(Callable<Integer> body) throws Exception {
    try {
      return body.call();
    } catch (ApiException e) {
      System.err.println("Error from server (" + e.status().reason() + "): " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    }
  }

  @Command(name = "rolling-update", mixinStandardHelpOptions = true,
      description = {"Replace the pods of a replication controller one at a time with a new image or template.",
          "One new pod is started beside the old ones; once it has been ready for the update period an old pod "
              + "is deleted, and so on until every pod runs the new template. The update runs in the cluster: "
              + "killing this command, or any member, does not stop it. A deleted pod leaves its Services "
              + "before its containers are stopped, so requests are not dropped."},
      footer = {"", "Examples:",
          "  # Update the php container of frontend to v2, pods replaced one at a time",
          "  cox rolling-update frontend --image=coxswain/guestbook-php:v2",
          "",
          "  # Take the template from a file (its name may differ; its template is what counts)",
          "  cox rolling-update frontend -f frontend-v2.yaml --update-period=10s",
          "",
          "  # As a kubectl plugin (bin/ on the PATH): kubectl rolling-update frontend --image=...",
          "  kubectl rolling-update frontend --image=coxswain/guestbook-php:v2"})
  public static final class RollingUpdate implements Callable<Integer> {
    @Mixin
    ApiTarget target = new ApiTarget();

    @Parameters(index = "0", paramLabel = "RC", description = "The replication controller")
    String name;

    @Option(names = "--image", description = "The new image")
    String image;

    @Option(names = "--container", description = "The container whose image changes (needed when there are several)")
    String container;

    @Option(names = {"-f", "--filename"}, description = "A ReplicationController manifest whose template to roll out")
    Path file;

    @Option(names = "--update-period", defaultValue = "1m0s",
        description = "How long a new pod must be ready before an old one goes. Default: ${DEFAULT-VALUE}")
    String updatePeriod;

    @Option(names = "--timeout", defaultValue = "5m0s",
        description = "How long to follow the update. Default: ${DEFAULT-VALUE}")
    String timeout;

    @Override
    public Integer call() throws Exception {
      return run(() -> {
        if ((image == null) == (file == null)) {
          System.err.println("error: give exactly one of --image and -f");
          return 1;
        }
        ApiCalls api = new ApiCalls(target);
        ReplicationController rc = api.getRc(name);
        PodTemplateSpec next = image != null ? withImage(rc.spec().template(), image, container) : fromFile(file);
        RollingUpdates.start(api, rc, next, GoDurations.parse(updatePeriod));
        System.out.println("replicationcontroller \"" + name + "\" rolling update started");
        return RollingUpdates.follow(api, name, GoDurations.parse(timeout), System.out);
      });
    }

    private static PodTemplateSpec withImage(PodTemplateSpec template, String image, String container) {
      List<Container> containers = template.spec().containers();
      if (container == null && containers.size() != 1) {
        throw new ApiException(io.coxswain.api.Status.failure(400, "BadRequest",
            "the pod template has " + containers.size() + " containers; say which with --container", null));
      }
      List<Container> next = new ArrayList<>();
      boolean found = false;
      for (Container c : containers) {
        if (container == null || container.equals(c.name())) {
          next.add(c.withImage(image));
          found = true;
        } else {
          next.add(c);
        }
      }
      if (!found) {
        throw new ApiException(io.coxswain.api.Status.failure(400, "BadRequest",
            "the pod template has no container named \"" + container + "\"", null));
      }
      return template.withSpec(template.spec().withContainers(next));
    }

    private static PodTemplateSpec fromFile(Path file) throws java.io.IOException {
      byte[] bytes = Files.readAllBytes(file);
      ReplicationController rc = Json.decode(bytes, file.toString().endsWith(".json") ? "application/json"
          : "application/yaml", ReplicationController.class);
      if (rc.spec().template() == null) {
        throw new ApiException(io.coxswain.api.Status.failure(400, "BadRequest",
            file + " has no spec.template", null));
      }
      return rc.spec().template();
    }
  }

  @Command(name = "rollback", mixinStandardHelpOptions = true,
      description = "Roll a replication controller back to the template it ran before its last rolling update, "
          + "pod by pod as a rolling update does.",
      footer = {"", "Examples:", "  # Back to the previous image of frontend", "  cox rollback frontend"})
  public static final class Rollback implements Callable<Integer> {
    @Mixin
    ApiTarget target = new ApiTarget();

    @Parameters(index = "0", paramLabel = "RC", description = "The replication controller")
    String name;

    @Option(names = "--update-period", defaultValue = "1m0s",
        description = "How long a new pod must be ready before an old one goes. Default: ${DEFAULT-VALUE}")
    String updatePeriod;

    @Option(names = "--timeout", defaultValue = "5m0s", description = "How long to follow it. Default: ${DEFAULT-VALUE}")
    String timeout;

    @Override
    public Integer call() throws Exception {
      return run(() -> {
        ApiCalls api = new ApiCalls(target);
        ReplicationController rc = api.getRc(name);
        String previous = rc.metadata().annotationsOrEmpty().get(RollingUpdateSpec.PREVIOUS);
        if (previous == null) {
          System.err.println("error: replicationcontroller \"" + name + "\" has no previous template to roll back to");
          return 1;
        }
        PodTemplateSpec template = Json.decode(previous.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "application/json", PodTemplateSpec.class);
        RollingUpdates.start(api, rc, template, GoDurations.parse(updatePeriod));
        System.out.println("replicationcontroller \"" + name + "\" rolling back");
        return RollingUpdates.follow(api, name, GoDurations.parse(timeout), System.out);
      });
    }
  }

  @Command(name = "rollout", mixinStandardHelpOptions = true, description = "Follow a replication controller's "
      + "rolling update.", subcommands = {RolloutCommands.Status.class})
  public static final class Rollout implements Runnable {
    @Override
    public void run() {
      picocli.CommandLine.usage(this, System.out);
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Show a replication controller's rolling update until it completes (exit 0) or the timeout "
          + "passes (exit 1).",
      footer = {"", "Examples:", "  cox rollout status frontend --timeout=2m"})
  public static final class Status implements Callable<Integer> {
    @Mixin
    ApiTarget target = new ApiTarget();

    @Parameters(index = "0", paramLabel = "RC", description = "The replication controller")
    String name;

    @Option(names = "--timeout", defaultValue = "5m0s", description = "How long to follow it. Default: ${DEFAULT-VALUE}")
    String timeout;

    @Override
    public Integer call() throws Exception {
      return run(() -> RollingUpdates.follow(new ApiCalls(target), name, GoDurations.parse(timeout), System.out));
    }
  }
}
