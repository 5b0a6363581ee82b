package io.coxswain.apiserver.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 6901 JSON Pointer, already split into unescaped reference tokens. The empty pointer ""
 * names the whole document.
 */
record JsonPointer(String text, List<String> tokens) {

    JsonPointer {
        tokens = List.copyOf(tokens);
    }

    static JsonPointer parse(String text) {
        if (text.isEmpty()) {
            return new JsonPointer(text, List.of());
        }
        if (text.charAt(0) != '/') {
            throw new PatchException("JSON pointer '" + text + "' must be empty or start with '/'");
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : text.substring(1).split("/", -1)) {
            tokens.add(unescape(text, raw));
        }
        return new JsonPointer(text, tokens);
    }

    /** Decodes left to right in one pass, so "~01" is "~1" and never "/". */
    private static String unescape(String text, String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '~') {
                out.append(c);
                continue;
            }
            char next = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
            if (next != '0' && next != '1') {
                throw new PatchException("JSON pointer '" + text + "' has an invalid escape; '~' must be followed by 0 or 1");
            }
            out.append(next == '0' ? '~' : '/');
            i++;
        }
        return out.toString();
    }

    boolean isRoot() {
        return tokens.isEmpty();
    }

    JsonPointer parent() {
        int cut = text.lastIndexOf('/');
        return new JsonPointer(text.substring(0, cut), tokens.subList(0, tokens.size() - 1));
    }

    String last() {
        return tokens.get(tokens.size() - 1);
    }

    /** True when this pointer names a location strictly inside {@code other}. */
    boolean isInside(JsonPointer other) {
        return tokens.size() > other.tokens.size() && tokens.subList(0, other.tokens.size()).equals(other.tokens);
    }

    @Override
    public String toString() {
        return text;
    }
}
