package io.coxswain.network;

/**
 * An IPv4 range in CIDR notation ({@code 10.96.0.0/16}).
 *
 * @param base   the network address as an unsigned 32-bit value in an int
 * @param prefix the prefix length, 0 to 32
 */
public record Cidr(int base, int prefix) {
  public Cidr {
    if (prefix < 0 || prefix > 32) {
      throw new IllegalArgumentException("prefix length out of range: " + prefix);
    }
    base = base & mask(prefix);
  }

  /** @throws IllegalArgumentException when {@code text} is not {@code a.b.c.d/n} */
  public static Cidr parse(String text) {
    String[] parts = text.split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("not a CIDR range: " + text);
    }
    return new Cidr(toInt(parts[0]), Integer.parseInt(parts[1]));
  }

  /** How many addresses the range holds. */
  public long size() {
    return 1L << (32 - prefix);
  }

  /** The address {@code offset} addresses into the range, dotted. */
  public String address(long offset) {
    return toText((int) (base + offset));
  }

  public boolean contains(String address) {
    return (toInt(address) & mask(prefix)) == base;
  }

  public boolean overlaps(Cidr other) {
    int shorter = Math.min(prefix, other.prefix);
    return (base & mask(shorter)) == (other.base & mask(shorter));
  }

  @Override
  public String toString() {
    return toText(base) + "/" + prefix;
  }

  private static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  static int toInt(String address) {
    String[] octets = address.split("\\.");
    if (octets.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + address);
    }
    int value = 0;
    for (String octet : octets) {
      int part = Integer.parseInt(octet);
      if (part < 0 || part > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + address);
      }
      value = (value << 8) | part;
    }
    return value;
  }

  static String toText(int value) {
    return ((value >>> 24) & 255) + "." + ((value >>> 16) & 255) + "." + ((value >>> 8) & 255) + "." + (value & 255);
  }
}
