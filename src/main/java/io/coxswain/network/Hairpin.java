package io.coxswain.network;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lets a pod reach itself through its own Service. With {@code br_netfilter} loaded (Docker loads
 * it), a packet a pod sends to a cluster IP that is DNATed back to the same pod is bridged out of
 * the port it came in on, which a Linux bridge refuses unless the port is in hairpin mode (kubenet
 * sets the same). Blocking; best effort: a port that vanished meanwhile is skipped.
 */
final class Hairpin {
  private Hairpin() {}

  /** Turns hairpin mode on for every port of {@code bridge}; returns how many were changed. */
  static int enable(String bridge) {
    Path ports = Path.of("/sys/class/net", bridge, "brif");
    if (!Files.isDirectory(ports)) {
      return 0;
    }
    int changed = 0;
    try (DirectoryStream<Path> each = Files.newDirectoryStream(ports)) {
      for (Path port : each) {
        Path mode = port.resolve("hairpin_mode");
        try {
          if (!"1".equals(Files.readString(mode).strip())) {
            Files.writeString(mode, "1");
            changed++;
          }
        } catch (IOException e) {
          // the pod went away meanwhile
        }
      }
    } catch (IOException e) {
      return changed;
    }
    return changed;
  }
}
