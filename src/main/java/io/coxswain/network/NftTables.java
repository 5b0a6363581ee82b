package io.coxswain.network;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host's nftables, through the {@code nft} command: applies a node's scripts and removes the
 * tables of nodes that are gone. Every member of a cluster on one machine has its own table
 * ({@code coxswain-<node>}); a member killed with -9 cannot remove its own, so the others remove
 * any Coxswain table whose owning process no longer runs (its pid is in the table's comment).
 * Blocking.
 */
public final class NftTables {
  static final String PREFIX = "coxswain-";
  private static final Pattern OWNER = Pattern.compile("comment \"[^\"]*pid=(\\d+)");

  private NftTables() {}

  /** The table name of a node: {@code coxswain-} and the node name, cut to nftables' limit. */
  public static String tableOf(String nodeName) {
    String name = PREFIX + nodeName.replaceAll("[^a-zA-Z0-9_.-]", "_");
    return name.length() > 200 ? name.substring(0, 200) : name;
  }

  /** The comment a node's table carries: who made it, so that others can tell when it is stale. */
  public static String ownerComment(String nodeName) {
    return "coxswain node=" + nodeName + " pid=" + ProcessHandle.current().pid();
  }

  /**
   * Checks that nftables can be used here (the command is installed and the kernel answers).
   *
   * @throws Unavailable naming what is missing
   */
  public static void check() throws Unavailable {
    HostCommands.Result listed = HostCommands.run(List.of("nft", "list", "tables"), null);
    if (!listed.ok()) {
      throw new Unavailable("nftables cannot be used (nft list tables: " + listed.message() + "); install the "
          + "nftables package and run the node as root (or with CAP_NET_ADMIN)");
    }
  }

  /** Runs one script as one transaction. @throws Unavailable with nft's message when it is refused */
  public static void apply(String script) throws Unavailable {
    HostCommands.Result applied = HostCommands.run(List.of("nft", "-f", "-"), script);
    if (!applied.ok()) {
      throw new Unavailable("nft refused the service rules: " + applied.message());
    }
  }

  /** Deletes the Coxswain tables whose owning process is gone; returns their names. */
  public static List<String> removeStale() {
    List<String> removed = new ArrayList<>();
    HostCommands.Result listed = HostCommands.run(List.of("nft", "list", "tables", "ip"), null);
    if (!listed.ok()) {
      return removed;
    }
    for (String line : listed.stdout().split("\n")) {
      String[] words = line.strip().split("\\s+");
      if (words.length != 3 || !words[2].startsWith(PREFIX)) {
        continue;
      }
      HostCommands.Result table = HostCommands.run(List.of("nft", "list", "table", "ip", words[2]), null);
      Matcher owner = OWNER.matcher(table.stdout());
      if (table.ok() && owner.find() && !Files.exists(Path.of("/proc", owner.group(1)))) {
        if (HostCommands.run(List.of("nft", "-f", "-"), NftScript.deletion(words[2])).ok()) {
          removed.add(words[2]);
        }
      }
    }
    return removed;
  }

  /** nftables cannot be used, or refused a script; the message says why. */
  public static final class Unavailable extends Exception {
    public Unavailable(String message) {
      super(message);
    }
  }
}
