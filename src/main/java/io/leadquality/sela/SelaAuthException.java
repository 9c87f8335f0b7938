package io.leadquality.sela;

/** Sela refused the token (401/403): retrying cannot help, so the job stops. */
public class SelaAuthException extends RuntimeException {
    public SelaAuthException(String message) {
        super(message, null, false, false);
    }
}
