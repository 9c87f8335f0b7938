package io.leadquality.model;

/** Why an input record could not be used; the names are public interface. */
public enum DeadLetterCode {
    MALFORMED_JSON,
    UNKNOWN_FORMAT,
    MISSING_IDENTITY,
    INVALID_FIELD,
    TOO_LARGE
}
