package io.leadquality.model;

/** What a suppression-list record does; LOADED is the job's own marker that the list has been read to its end. */
public enum SuppressionAction {
    ADD,
    REMOVE,
    LOADED
}
