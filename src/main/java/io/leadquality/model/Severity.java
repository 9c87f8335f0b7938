package io.leadquality.model;

public enum Severity {
    INFO,
    WARNING,
    CRITICAL
}
