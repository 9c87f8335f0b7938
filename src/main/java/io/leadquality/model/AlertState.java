package io.leadquality.model;

public enum AlertState {
    RAISED,
    CLEARED
}
