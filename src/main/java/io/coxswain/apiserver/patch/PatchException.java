package io.coxswain.apiserver.patch;

/**
 * A patch document is malformed or cannot be applied to the object (including a failed JSON Patch
 * {@code test}). The API server answers these with a client error, never a 500.
 */
public final class PatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PatchException(String message) {
        super(message);
    }
}
