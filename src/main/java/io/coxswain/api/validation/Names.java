package io.coxswain.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes' name and value rules (k8s.io/apimachinery/pkg/util/validation) with their exact
 * messages. Each check returns the list of problems; empty means valid.
 */
public final class Names {
  static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
  static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
  static final String ENV_VAR_NAME_FMT = "[-._a-zA-Z][-._a-zA-Z0-9]*";

  private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);
  private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
  private static final Pattern ENV_VAR_NAME = Pattern.compile(ENV_VAR_NAME_FMT);
  private static final Pattern PORT_NAME_CHARSET = Pattern.compile("[-a-z0-9]+");
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
      + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

  static final String QUALIFIED_NAME_MSG =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  static final String PORT_RANGE_MSG = "must be between 1 and 65535, inclusive";
  static final String IP_MSG = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

  private Names() {}

  /** Kubernetes' RegexError: the message, examples, and the regex used. */
  static String regexError(String msg, String fmt, String... examples) {
    StringBuilder out = new StringBuilder(msg);
    if (examples.length > 0) {
      out.append(" (e.g. ");
      for (int i = 0; i < examples.length; i++) {
        if (i > 0) {
          out.append(" or ");
        }
        out.append('\'').append(examples[i]).append("', ");
      }
      out.append("regex used for validation is '").append(fmt).append("')");
    }
    return out.toString();
  }

  static String maxLenError(int length) {
    return "must be no more than " + length + " characters";
  }

  public static List<String> dns1123Label(String value) {
    if (value.length() <= 63 && NameChars.isDns1123Label(value, 0, value.length())) {
      return List.of();
    }
    List<String> errs = new ArrayList<>();
    if (value.length() > 63) {
      errs.add(maxLenError(63));
    }
    if (!DNS1123_LABEL.matcher(value).matches()) {
      errs.add(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
          + "and must start and end with an alphanumeric character", DNS1123_LABEL_FMT, "my-name", "123-abc"));
    }
    return errs;
  }

  public static List<String> dns1123Subdomain(String value) {
    if (value.length() <= 253 && NameChars.isDns1123Subdomain(value)) {
      return List.of();
    }
    List<String> errs = new ArrayList<>();
    if (value.length() > 253) {
      errs.add(maxLenError(253));
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      errs.add(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' "
          + "or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN_FMT, "example.com"));
    }
    return errs;
  }

  public static List<String> dns1035Label(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 63) {
      errs.add(maxLenError(63));
    }
    if (!DNS1035_LABEL.matcher(value).matches()) {
      errs.add(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
          + "alphabetic character, and end with an alphanumeric character", DNS1035_LABEL_FMT, "my-name", "abc-123"));
    }
    return errs;
  }

  /** A label or annotation key: optional DNS-subdomain prefix and '/', then a name of at most 63. */
  public static List<String> qualifiedName(String value) {
    if (isValidQualifiedName(value)) {
      return List.of();
    }
    List<String> errs = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      String prefix = parts[0];
      name = parts[1];
      if (prefix.isEmpty()) {
        errs.add("prefix part must be non-empty");
      } else {
        dns1123Subdomain(prefix).forEach(m -> errs.add("prefix part " + m));
      }
    } else {
      errs.add("a qualified name " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
          + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errs;
    }
    if (name.isEmpty()) {
      errs.add("name part must be non-empty");
    } else if (name.length() > 63) {
      errs.add("name part " + maxLenError(63));
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      errs.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
    }
    return errs;
  }

  /** The common case of {@link #qualifiedName} without building messages: optional prefix, name. */
  private static boolean isValidQualifiedName(String value) {
    int slash = value.indexOf('/');
    if (slash < 0) {
      return value.length() <= 63 && NameChars.isQualifiedNamePart(value, 0, value.length());
    }
    String prefix = value.substring(0, slash);
    int nameLength = value.length() - slash - 1;
    return value.indexOf('/', slash + 1) < 0 && prefix.length() <= 253 && NameChars.isDns1123Subdomain(prefix)
        && nameLength <= 63 && NameChars.isQualifiedNamePart(value, slash + 1, value.length());
  }

  public static List<String> labelValue(String value) {
    if (value.isEmpty() || (value.length() <= 63 && NameChars.isQualifiedNamePart(value, 0, value.length()))) {
      return List.of();
    }
    List<String> errs = new ArrayList<>();
    if (value.length() > 63) {
      errs.add(maxLenError(63));
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errs.add(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' "
          + "or '.', and must start and end with an alphanumeric character", LABEL_VALUE_FMT,
          "MyValue", "my_value", "12345"));
    }
    return errs;
  }

  /** An IANA service name as used for container port names: at most 15, letters, digits, '-'. */
  public static List<String> portName(String port) {
    List<String> errs = new ArrayList<>();
    if (port.length() > 15) {
      errs.add(maxLenError(15));
    }
    if (!PORT_NAME_CHARSET.matcher(port).matches()) {
      errs.add("must contain only alphanumeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (port.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
      errs.add("must contain at least one letter (a-z)");
    }
    if (port.contains("--")) {
      errs.add("must not contain consecutive hyphens");
    }
    if (!port.isEmpty() && (port.startsWith("-") || port.endsWith("-"))) {
      errs.add("must not begin or end with a hyphen");
    }
    return errs;
  }

  public static List<String> portNumber(int port) {
    return port >= 1 && port <= 65535 ? List.of() : List.of(PORT_RANGE_MSG);
  }

  public static List<String> envVarName(String value) {
    if (NameChars.isEnvVarName(value)) {
      return List.of();
    }
    return List.of(regexError("a valid environment variable name must consist of alphabetic characters, digits, "
        + "'_', '-', or '.', and must not start with a digit", ENV_VAR_NAME_FMT,
        "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
  }

  /** An IPv4 or IPv6 literal; parsed without any name lookup. */
  public static boolean isIp(String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    if (IPV4.matcher(value).matches()) {
      return true;
    }
    if (!value.contains(":") || !value.matches("[0-9A-Fa-f:.]+")) {
      return false;
    }
    try {
      // With a ':' and only hex digits, InetAddress parses the literal and never resolves a name.
      java.net.InetAddress.getByName(value);
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
