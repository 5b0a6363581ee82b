package io.coxswain.api.validation;

/**
 * Character-loop versions of the name patterns in {@link Names}, for the common case of a valid
 * name: every write checks a dozen names, and a regex match plus its allocations costs several
 * times this loop. They only ever say "valid"; the messages for invalid names still come from
 * the patterns, so both agree by construction of the callers.
 */
final class NameChars {
  private NameChars() {}

  /** [a-z0-9]([-a-z0-9]*[a-z0-9])? over value[from, to). */
  static boolean isDns1123Label(String value, int from, int to) {
    if (to <= from || !lowerAlphanumeric(value.charAt(from)) || !lowerAlphanumeric(value.charAt(to - 1))) {
      return false;
    }
    for (int i = from + 1; i < to - 1; i++) {
      char c = value.charAt(i);
      if (!lowerAlphanumeric(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** DNS-1123 labels joined by dots. */
  static boolean isDns1123Subdomain(String value) {
    int start = 0;
    for (int dot = value.indexOf('.'); dot >= 0; dot = value.indexOf('.', start)) {
      if (!isDns1123Label(value, start, dot)) {
        return false;
      }
      start = dot + 1;
    }
    return isDns1123Label(value, start, value.length());
  }

  /** ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9] over value[from, to). */
  static boolean isQualifiedNamePart(String value, int from, int to) {
    if (to <= from || !alphanumeric(value.charAt(from)) || !alphanumeric(value.charAt(to - 1))) {
      return false;
    }
    for (int i = from + 1; i < to - 1; i++) {
      if (!nameChar(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** [-._a-zA-Z][-._a-zA-Z0-9]* */
  static boolean isEnvVarName(String value) {
    if (value.isEmpty() || (value.charAt(0) >= '0' && value.charAt(0) <= '9')) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (!nameChar(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** [-._a-zA-Z0-9]: the characters qualified names and environment variable names are made of. */
  private static boolean nameChar(char c) {
    return alphanumeric(c) || c == '-' || c == '_' || c == '.';
  }

  private static boolean lowerAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static boolean alphanumeric(char c) {
    return lowerAlphanumeric(c) || (c >= 'A' && c <= 'Z');
  }
}
