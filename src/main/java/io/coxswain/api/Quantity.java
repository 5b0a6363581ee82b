package io.coxswain.api;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity ("100m", "1", "128Mi", "1G", "1e3"): a decimal number with an
 * optional binary-SI (Ki..Ei), decimal-SI (n, u, m, k, M..E) or exponent (e3) suffix.
 *
 * <p>As in Kubernetes: a value is kept to nano precision (smaller non-zero magnitudes round up to
 * 1n, so a request is never lost); binary and decimal-SI values are capped at 2^63-1; the value is
 * written in its canonical form ({@code "0.5"} is {@code "500m"}, {@code "1024Ki"} is {@code "1Mi"},
 * {@code "1.5Ki"} is {@code "1536"}), which is what the API stores and returns; equality is by
 * value. JSON numbers ({@code cpu: 1}, {@code memory: 134217728}) are read as quantities, as
 * Kubernetes' decoder reads them. {@link #value()} and {@link #milliValue()} round up.
 */
@JsonDeserialize(using = Quantity.Reader.class)
public final class Quantity implements Comparable<Quantity> {
  /** Kubernetes' own wording for a malformed quantity. */
  public static final String FORMAT_MESSAGE =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

  /** How a quantity was written, which decides how its canonical form is written. */
  public enum Format { DECIMAL_SI, BINARY_SI, DECIMAL_EXPONENT }

  private static final Pattern SHAPE = Pattern.compile("([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(.*)");
  private static final Pattern EXPONENT = Pattern.compile("[eE]([+-]?[0-9]+)");
  private static final Map<String, Integer> DECIMAL_SUFFIXES = Map.of(
      "n", -9, "u", -6, "m", -3, "", 0, "k", 3, "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);
  private static final Map<String, Integer> BINARY_SUFFIXES = Map.of(
      "Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40, "Pi", 50, "Ei", 60);
  private static final String[] BINARY_NAMES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigDecimal KI = BigDecimal.valueOf(1024);
  private static final int NANO_SCALE = 9;

  public static final Quantity ZERO = new Quantity(BigDecimal.ZERO, Format.DECIMAL_SI);

  /**
   * Manifests repeat the same few quantities ("100m", "64Mi") and every create reads them several
   * times, so parsed values are remembered; the cache is capped.
   */
  private static final int CACHE_LIMIT = 4096;
  private static final ConcurrentHashMap<String, Quantity> CACHE = new ConcurrentHashMap<>();

  private final BigDecimal amount;
  private final Format format;
  private final String canonical;

  private Quantity(BigDecimal amount, Format format) {
    this.amount = amount;
    this.format = format;
    this.canonical = canonicalize(amount, format);
  }

  /** A quantity of the given value, written as decimal SI ("1500m", "2k"). */
  public static Quantity of(BigDecimal amount) {
    return new Quantity(roundToNano(amount), Format.DECIMAL_SI);
  }

  /** A whole number of bytes, written as binary SI when it divides ("4Gi"), as Kubernetes reports memory. */
  public static Quantity ofBytes(long bytes) {
    return new Quantity(BigDecimal.valueOf(bytes), Format.BINARY_SI);
  }

  /**
   * Parses a quantity as Kubernetes' {@code resource.ParseQuantity} does (surrounding spaces are
   * not allowed). Throws IllegalArgumentException with {@link #FORMAT_MESSAGE} if malformed.
   */
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

  /**
   * Jackson's reader, as Kubernetes' {@code Quantity.UnmarshalJSON}: a string or a number is parsed
   * from its text; anything else, or a malformed value, fails decoding with {@link #FORMAT_MESSAGE}
   * (a 400, never a stored value).
   */
  static final class Reader extends StdDeserializer<Quantity> {
    Reader() {
      super(Quantity.class);
    }

    @Override
    public Quantity deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.currentToken().isScalarValue() ? p.getText() : null;
      if (p.currentToken().isStructStart()) {
        p.skipChildren();
      }
      try {
        if (text != null && (p.currentToken() == JsonToken.VALUE_STRING || p.currentToken().isNumeric())) {
          return parse(text.trim());
        }
      } catch (IllegalArgumentException | ArithmeticException e) {
        // falls through to the format error
      }
      throw InvalidFormatException.from(p, FORMAT_MESSAGE, text, Quantity.class);
    }
  }

  private static Quantity parseUncached(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException(FORMAT_MESSAGE);
    }
    Matcher m = SHAPE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(FORMAT_MESSAGE);
    }
    BigDecimal number = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
    String suffix = m.group(2);
    BigDecimal amount;
    Format format;
    if (DECIMAL_SUFFIXES.containsKey(suffix)) {
      amount = number.scaleByPowerOfTen(DECIMAL_SUFFIXES.get(suffix));
      format = Format.DECIMAL_SI;
    } else if (BINARY_SUFFIXES.containsKey(suffix)) {
      amount = number.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(BINARY_SUFFIXES.get(suffix))));
      format = Format.BINARY_SI;
    } else {
      Matcher e = EXPONENT.matcher(suffix);
      if (!e.matches() || e.group(1).length() > 9) {
        throw new IllegalArgumentException(FORMAT_MESSAGE);
      }
      amount = number.scaleByPowerOfTen(Integer.parseInt(e.group(1)));
      format = Format.DECIMAL_EXPONENT;
    }
    amount = roundToNano(amount);
    if (format != Format.DECIMAL_EXPONENT && amount.abs().compareTo(MAX) > 0) {
      amount = amount.signum() < 0 ? MAX.negate() : MAX;
    }
    return new Quantity(amount, format);
  }

  /** Non-zero magnitudes below 1n round up to 1n, away from zero, as Kubernetes rounds. */
  private static BigDecimal roundToNano(BigDecimal amount) {
    return amount.scale() > NANO_SCALE ? amount.setScale(NANO_SCALE, RoundingMode.UP) : amount;
  }

  /** Kubernetes' {@code CanonicalizeBytes}. */
  private static String canonicalize(BigDecimal amount, Format format) {
    if (amount.signum() == 0) {
      return "0";
    }
    if (format == Format.BINARY_SI) {
      boolean small = amount.abs().compareTo(KI) < 0;
      boolean whole = amount.stripTrailingZeros().scale() <= 0;
      if (!small && whole) {
        BigInteger value = amount.toBigIntegerExact();
        int power = 0;
        BigInteger ki = BigInteger.valueOf(1024);
        while (power < BINARY_NAMES.length - 1 && value.mod(ki).signum() == 0) {
          value = value.divide(ki);
          power++;
        }
        return value + BINARY_NAMES[power];
      }
      format = Format.DECIMAL_SI;
    }
    BigDecimal stripped = amount.stripTrailingZeros();
    int exponent = Math.floorDiv(-stripped.scale(), 3) * 3;
    BigInteger mantissa = stripped.scaleByPowerOfTen(-exponent).toBigIntegerExact();
    if (format == Format.DECIMAL_EXPONENT) {
      return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
    }
    String suffix = decimalSuffix(exponent);
    return suffix != null ? mantissa + suffix : mantissa + "e" + exponent;
  }

  private static String decimalSuffix(int exponent) {
    for (Map.Entry<String, Integer> e : DECIMAL_SUFFIXES.entrySet()) {
      if (e.getValue() == exponent) {
        return e.getKey();
      }
    }
    return null;
  }

  /**
   * A Kubernetes {@code ResourceList} from name/value pairs: {@code resourceList("cpu", "1",
   * "memory", "1Gi")}. Throws IllegalArgumentException on an odd count or a malformed value.
   */
  public static Map<String, Quantity> resourceList(String... nameValuePairs) {
    if (nameValuePairs.length % 2 != 0) {
      throw new IllegalArgumentException("resourceList takes name/value pairs");
    }
    Map<String, Quantity> list = new java.util.LinkedHashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      list.put(nameValuePairs[i], parse(nameValuePairs[i + 1]));
    }
    return java.util.Collections.unmodifiableMap(list);
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

  /** The exact value. */
  public BigDecimal amount() {
    return amount;
  }

  public Format format() {
    return format;
  }

  /**
   * The value in whole units, rounded up ("100m" is 1, "1Ki" is 1024); a value beyond a long is
   * Long.MAX_VALUE (or MIN_VALUE), as Kubernetes' Value saturates, never an exception.
   */
  public long value() {
    return saturated(amount);
  }

  /** The value in thousandths, rounded up ("100m" is 100, "1" is 1000); how CPU is counted. Saturates. */
  public long milliValue() {
    return saturated(amount.movePointRight(3));
  }

  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);

  private static long saturated(BigDecimal value) {
    if (value.compareTo(MAX) > 0) {
      return Long.MAX_VALUE;
    }
    if (value.compareTo(LONG_MIN) < 0) {
      return Long.MIN_VALUE;
    }
    return value.setScale(0, RoundingMode.CEILING).longValue();
  }

  public boolean isNegative() {
    return amount.signum() < 0;
  }

  /** The sum, in this quantity's format (Kubernetes' {@code Add}). */
  public Quantity plus(Quantity other) {
    return new Quantity(amount.add(other.amount), format);
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

  /** The canonical form, as the API writes it. */
  @JsonValue
  @Override
  public String toString() {
    return canonical;
  }
}
