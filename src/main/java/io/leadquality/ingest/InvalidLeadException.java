package io.leadquality.ingest;

import io.leadquality.model.DeadLetterCode;

/** A record that cannot become a lead; the message is the dead-letter sentence. */
public class InvalidLeadException extends Exception {
    private final DeadLetterCode code;

    public InvalidLeadException(DeadLetterCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public DeadLetterCode code() {
        return code;
    }
}
