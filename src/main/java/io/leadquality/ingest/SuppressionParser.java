package io.leadquality.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadquality.model.DeadLetterCode;
import io.leadquality.model.RawRecord;
import io.leadquality.model.SuppressionAction;
import io.leadquality.model.SuppressionUpdate;
import io.leadquality.normalize.Emails;
import io.leadquality.normalize.PhoneNumbers;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one suppression-list record: {@code {"phone_number" or "email", "action": "ADD"|"REMOVE", "reason"}}.
 * Phones and emails are normalised as the leads' are, so they match. A tombstone (null value) on the
 * compacted topic removes the phone or email its key names.
 */
public final class SuppressionParser {
    private final ObjectMapper mapper = LeadParser.strictMapper();
    private final int maxRecordBytes;

    public SuppressionParser(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    public SuppressionUpdate parse(RawRecord record) throws InvalidLeadException {
        SuppressionUpdate update = record.value == null ? tombstone(record.key) : entry(record.value);
        update.topic = record.topic;
        update.partition = record.partition;
        update.offset = record.offset;
        return update;
    }

    private SuppressionUpdate entry(byte[] value) throws InvalidLeadException {
        ObjectNode root = LeadParser.readObject(mapper, value, maxRecordBytes);
        String phone = JsonFields.text(root, "phone_number", "phone_number");
        String email = Emails.normalize(JsonFields.text(root, "email", "email"));
        if (phone != null && email != null) {
            throw invalid("The suppression entry names both phone_number and email; one entry suppresses one of them");
        }
        if (phone == null && email == null) {
            throw new InvalidLeadException(DeadLetterCode.MISSING_IDENTITY,
                    "The suppression entry has neither phone_number nor email");
        }
        SuppressionUpdate update = new SuppressionUpdate();
        update.identity = phone != null ? SuppressionUpdate.phoneIdentity(PhoneNumbers.normalize(phone)) : emailIdentity(email);
        update.action = action(JsonFields.text(root, "action", "action"));
        update.reason = JsonFields.text(root, "reason", "reason");
        return update;
    }

    private static SuppressionUpdate tombstone(byte[] key) throws InvalidLeadException {
        String text = key == null ? null : new String(key, StandardCharsets.UTF_8).strip();
        if (text == null || text.isEmpty()) {
            throw new InvalidLeadException(DeadLetterCode.MISSING_IDENTITY,
                    "The suppression record has neither a value nor a key naming a phone_number or email");
        }
        SuppressionUpdate update = new SuppressionUpdate();
        update.identity = text.indexOf('@') >= 0 ? emailIdentity(Emails.normalize(text))
                : SuppressionUpdate.phoneIdentity(PhoneNumbers.normalize(text));
        update.action = SuppressionAction.REMOVE;
        update.reason = "tombstone";
        return update;
    }

    private static String emailIdentity(String email) throws InvalidLeadException {
        if (email.indexOf('@') < 1) {
            throw invalid("Field email '" + LeadParser.abbreviate(email) + "' is not an email address");
        }
        return SuppressionUpdate.emailIdentity(email);
    }

    private static SuppressionAction action(String value) throws InvalidLeadException {
        if (value == null) {
            throw invalid("Field action is missing; expected ADD or REMOVE");
        }
        switch (value.toUpperCase(Locale.ROOT)) {
            case "ADD":
                return SuppressionAction.ADD;
            case "REMOVE":
                return SuppressionAction.REMOVE;
            default:
                throw invalid("Field action '" + LeadParser.abbreviate(value) + "' is not ADD or REMOVE");
        }
    }

    private static InvalidLeadException invalid(String message) {
        return new InvalidLeadException(DeadLetterCode.INVALID_FIELD, message);
    }
}
