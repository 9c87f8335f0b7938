package io.leadquality.model;

public enum LookupOutcome {
    FOUND,
    NOT_FOUND,
    FAILED
}
