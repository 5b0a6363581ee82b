package io.coxswain.node.runtime;

import java.io.Closeable;

/**
 * An optional ability of a runtime: a container's output (stdout and stderr interleaved as
 * written). Streaming: chunks go to the sink as the runtime delivers them; with {@code follow}
 * the stream stays open until the container ends or the caller closes the returned handle.
 */
public interface LogReader {
  /** Which part of the log, as {@code kubectl logs} asks for it. Null fields mean "no limit". */
  record LogOptions(boolean follow, Integer tailLines, Long sinceSeconds, boolean timestamps, Long limitBytes) {}

  /** Receives the log: chunks, then exactly one of {@code end} or {@code fail}. Called from the runtime's thread. */
  interface Sink {
    /** Takes one chunk; may block to slow the runtime down (backpressure). */
    void chunk(byte[] bytes);

    void end();

    void fail(Throwable failure);
  }

  /** Starts streaming; the handle stops it early. */
  Closeable logs(String containerId, LogOptions options, Sink sink) throws RuntimeFailure;
}
