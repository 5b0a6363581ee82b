package io.coxswain.api.selector;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes' syntax rules for label keys ("qualified names") and label values. Selectors are
 * validated with the same rules as stored labels so a selector can never name a label that could
 * not exist.
 */
public final class LabelSyntax {
    static final int MAX_NAME_LENGTH = 63;
    static final int MAX_PREFIX_LENGTH = 253;

    private static final String NAME_REGEX = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern NAME = Pattern.compile(NAME_REGEX);
    private static final String SUBDOMAIN_REGEX =
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_REGEX);

    private LabelSyntax() {}

    /** Why {@code key} is not a valid label key, or empty when it is. */
    public static Optional<String> keyProblem(String key) {
        String[] parts = key.split("/", -1);
        if (parts.length > 2) {
            return Optional.of("a qualified name must be an optional DNS subdomain prefix and '/' "
                    + "followed by a name matching '" + NAME_REGEX + "'");
        }
        if (parts.length == 2) {
            String prefix = parts[0];
            if (prefix.isEmpty()) {
                return Optional.of("prefix part must be non-empty");
            }
            if (prefix.length() > MAX_PREFIX_LENGTH) {
                return Optional.of("prefix part must be no more than " + MAX_PREFIX_LENGTH + " characters");
            }
            if (!SUBDOMAIN.matcher(prefix).matches()) {
                return Optional.of("prefix part must be a lowercase RFC 1123 subdomain (regex used for "
                        + "validation is '" + SUBDOMAIN_REGEX + "')");
            }
        }
        String name = parts[parts.length - 1];
        if (name.isEmpty()) {
            return Optional.of("name part must be non-empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return Optional.of("name part must be no more than " + MAX_NAME_LENGTH + " characters");
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("name part must consist of alphanumeric characters, '-', '_' or '.', "
                    + "and must start and end with an alphanumeric character (regex used for "
                    + "validation is '" + NAME_REGEX + "')");
        }
        return Optional.empty();
    }

    /** Why {@code value} is not a valid label value, or empty when it is. The empty string is valid. */
    public static Optional<String> valueProblem(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() > MAX_NAME_LENGTH) {
            return Optional.of("must be no more than " + MAX_NAME_LENGTH + " characters");
        }
        if (!NAME.matcher(value).matches()) {
            return Optional.of("a valid label must be an empty string or consist of alphanumeric "
                    + "characters, '-', '_' or '.', and must start and end with an alphanumeric "
                    + "character (regex used for validation is '" + NAME_REGEX + "')");
        }
        return Optional.empty();
    }
}
