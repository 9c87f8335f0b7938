package io.leadquality.compliance;

import io.leadquality.model.Flag;

/** A flag that holds for a lead, with one human sentence of evidence. */
public record FlagFinding(Flag flag, String reason) {}
