package io.coxswain.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity ("100m", "1", "128Mi", "1G", "1e3"): a decimal number with an
 * optional binary-SI (Ki..Ei), decimal-SI (n, u, m, k, M..E) or exponent (e3) suffix. The exact
 * value is kept as a BigDecimal; {@link #value()} and {@link #milliValue()} round up, as
 * Kubernetes does, so a request is never under-counted.
 */
public record Quantity(String text, BigDecimal amount) implements Comparable<Quantity> {
  /** Kubernetes' own wording for a malformed quantity. */
  public static final String FORMAT_MESSAGE =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

  private static final Pattern SHAPE = Pattern.compile("([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(.*)");
  private static final Pattern EXPONENT = Pattern.compile("[eE]([+-]?[0-9]+)");
  private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
      Map.entry("", BigDecimal.ONE),
      Map.entry("n", new BigDecimal("1e-9")),
      Map.entry("u", new BigDecimal("1e-6")),
      Map.entry("m", new BigDecimal("1e-3")),
      Map.entry("k", new BigDecimal("1e3")),
      Map.entry("M", new BigDecimal("1e6")),
      Map.entry("G", new BigDecimal("1e9")),
      Map.entry("T", new BigDecimal("1e12")),
      Map.entry("P", new BigDecimal("1e15")),
      Map.entry("E", new BigDecimal("1e18")),
      Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
      Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
      Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
      Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
      Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
      Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

  public static final Quantity ZERO = new Quantity("0", BigDecimal.ZERO);

  /** Parses a quantity; throws IllegalArgumentException with {@link #FORMAT_MESSAGE} if malformed. */
  /**
   * Manifests repeat the same few quantities ("100m", "64Mi") and every create parses them several
   * times (defaulting, validation, QoS class), so parsed values are remembered; the cache is capped.
   */
  private static final int CACHE_LIMIT = 4096;
  private static final java.util.concurrent.ConcurrentHashMap<String, Quantity> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  public static Quantity parse(String text) {
    Quantity cached = text == null ? null : CACHE.get(text);
    if (cached != null) {
      return cached;
    }
    Quantity parsed = parseUncached(text);
    if (CACHE.size() < CACHE_LIMIT) {
      CACHE.put(text, parsed);
    }
    return parsed;
  }

  private static Quantity parseUncached(String text) {
    if (text == null) {
      throw new IllegalArgumentException(FORMAT_MESSAGE);
    }
    Matcher m = SHAPE.matcher(text.trim());
    if (text.isBlank() || !m.matches()) {
      throw new IllegalArgumentException(FORMAT_MESSAGE);
    }
    BigDecimal number = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
    String suffix = m.group(2);
    BigDecimal multiplier = SUFFIXES.get(suffix);
    if (multiplier == null) {
      Matcher e = EXPONENT.matcher(suffix);
      if (!e.matches()) {
        throw new IllegalArgumentException(FORMAT_MESSAGE);
      }
      multiplier = BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(e.group(1)));
    }
    return new Quantity(text, number.multiply(multiplier));
  }

  /** True when {@link #parse} would accept the text. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException | ArithmeticException e) {
      return false;
    }
  }

  /** The value in whole units, rounded up ("100m" is 1, "1Ki" is 1024). */
  public long value() {
    return amount.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** The value in thousandths, rounded up ("100m" is 100, "1" is 1000); how CPU is counted. */
  public long milliValue() {
    return amount.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  public boolean isNegative() {
    return amount.signum() < 0;
  }

  public Quantity plus(Quantity other) {
    BigDecimal sum = amount.add(other.amount);
    return new Quantity(sum.stripTrailingZeros().toPlainString(), sum);
  }

  @Override
  public int compareTo(Quantity other) {
    return amount.compareTo(other.amount);
  }

  /** Equal amounts in different spellings ("1Gi" and "1024Mi") are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Quantity q && amount.compareTo(q.amount) == 0;
  }

  @Override
  public int hashCode() {
    return amount.stripTrailingZeros().hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
