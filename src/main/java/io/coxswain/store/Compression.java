package io.coxswain.store;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Deflate streams for the store's journal, snapshot and wire formats, on one Deflater and one
 * Inflater per thread. A fresh zlib stream costs a few hundred kilobytes of native memory that is
 * only released when the garbage collector gets to it; made per journal batch, that allocation
 * cost several times what compressing the batch does.
 */
final class Compression {
  private static final ThreadLocal<Deflater> DEFLATER = ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED));
  private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(Inflater::new);

  private Compression() {}

  /** Deflates into {@code out}; close the stream to finish. Not for nested use on one thread. */
  static OutputStream deflating(OutputStream out, int bufferSize) {
    Deflater deflater = DEFLATER.get();
    deflater.reset();
    return new DeflaterOutputStream(out, deflater, bufferSize);
  }

  /** Inflates {@code bytes}. Not for nested use on one thread. */
  static InputStream inflating(byte[] bytes) {
    Inflater inflater = INFLATER.get();
    inflater.reset();
    return new InflaterInputStream(new ByteArrayInputStream(bytes), inflater, 8192);
  }
}
