package io.coxswain.api.selector;

/**
 * A label or field selector string could not be parsed. The API server turns this into a 400
 * BadRequest, so the message is written for the client who typed the selector.
 */
public final class SelectorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SelectorException(String message) {
        super(message);
    }
}
