package io.leadquality.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.Serializable;

/** Reads one provider's payload shape into the standard lead fields. */
interface FormatParser extends Serializable {
    RawLead read(ObjectNode root) throws InvalidLeadException;
}
