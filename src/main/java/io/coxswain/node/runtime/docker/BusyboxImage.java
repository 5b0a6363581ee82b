package io.coxswain.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds a tiny image from the host's static busybox ({@code FROM scratch}, no registry): the
 * node's pause image, and the image the Docker tests run. Every applet named gets a link in
 * {@code /bin}, so {@code sh}, {@code httpd}, {@code wget} and friends work as commands.
 */
public final class BusyboxImage {
  /** The applets a pod image offers; the pause image needs only {@code sleep}. */
  public static final List<String> APPLETS = List.of("sh", "cat", "echo", "ls", "sleep", "httpd", "wget", "nc",
      "date", "env", "test", "touch", "mkdir", "rm", "grep", "head", "tail", "seq", "printf", "hostname", "ip",
      "ps", "kill", "true", "false", "dd", "yes", "stat", "id", "tr", "wc", "cut");

  /** Which applets and command an image was built with, so a changed recipe rebuilds it. */
  static final String RECIPE_LABEL = "io.coxswain.image.recipe";

  private BusyboxImage() {}

  private static String recipe(List<String> cmd) {
    return Integer.toHexString((APPLETS + "|" + cmd).hashCode());
  }

  /** Builds {@code tag} unless the daemon has it already. */
  public static void ensure(DockerClient docker, String tag, Path busybox, List<String> cmd) throws IOException {
    String recipe = recipe(cmd);
    try {
      Map<String, String> labels = docker.inspectImageCmd(tag).exec().getConfig().getLabels();
      if (labels != null && recipe.equals(labels.get(RECIPE_LABEL))) {
        return;
      }
      // built from another recipe (an older applet list): build again over it
    } catch (NotFoundException absent) {
      // build it below
    }
    if (!Files.isRegularFile(busybox)) {
      throw new IOException("image " + tag + " is missing and cannot be built: " + busybox
          + " not found (install Debian's busybox-static)");
    }
    byte[] context = context(Files.readAllBytes(busybox), cmd);
    docker.buildImageCmd(new ByteArrayInputStream(context)).withTags(java.util.Set.of(tag)).withPull(false)
        .withLabels(Map.of(RECIPE_LABEL, recipe))
        .withRemove(true).exec(new BuildImageResultCallback()).awaitImageId(5, TimeUnit.MINUTES);
  }

  /** The build context: a Dockerfile, the busybox binary and one link per applet. */
  static byte[] context(byte[] busybox, List<String> cmd) throws IOException {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < cmd.size(); i++) {
      json.append(i == 0 ? "" : ",").append('"').append(cmd.get(i).replace("\"", "\\\"")).append('"');
    }
    String dockerfile = "FROM scratch\nCOPY rootfs/ /\nCMD " + json.append(']') + "\n";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      file(tar, "Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8), 0644);
      directory(tar, "rootfs/");
      directory(tar, "rootfs/bin/");
      directory(tar, "rootfs/tmp/");
      file(tar, "rootfs/bin/busybox", busybox, 0755);
      for (String applet : APPLETS) {
        TarArchiveEntry link = new TarArchiveEntry("rootfs/bin/" + applet, TarArchiveEntry.LF_SYMLINK);
        link.setLinkName("busybox");
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static void file(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    entry.setMode(mode);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(name.endsWith("tmp/") ? 01777 : 0755);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }
}
