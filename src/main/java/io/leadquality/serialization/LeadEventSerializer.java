package io.leadquality.serialization;

import io.leadquality.model.CarriedMark;
import io.leadquality.model.ContactVerdict;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.LeadFormat;
import io.leadquality.model.LookupOutcome;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SelaLookup;
import io.leadquality.model.SuppressionAction;
import io.leadquality.model.SuppressionUpdate;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@link LeadEvent} between the keyed stages, field by field. Flink's POJO serializer reads each field
 * by reflection and, before reading an event, builds a fresh instance of every nested POJO (the
 * lookup, its Sela lead, both verdicts and their marks) only to overwrite them; serialisation was in a
 * fifth of the samples of a JFR profile of events served from state (docs/benchmarks.md, issue 17).
 * Never used for state, whose descriptors name the POJO type, so
 * savepoints are unchanged; a checkpoint taken unaligned holds records in flight in this format, so
 * an upgrade that changes it goes through a savepoint (savepoints are always aligned).
 *
 * <p>{@code LeadEventSerializerTest} fills every field of every class here by reflection, so a field
 * added to the model and not written here fails it.
 */
public final class LeadEventSerializer extends TypeSerializer<LeadEvent> {
    private static final long serialVersionUID = 1L;
    public static final LeadEventSerializer INSTANCE = new LeadEventSerializer();

    private static final int NULL = 1;
    private static final int REFRESH = 1 << 1;
    private static final int REFRESH_DEFERRED = 1 << 2;
    private static final int PUSHED = 1 << 3;
    private static final int CONTACT_UPDATE = 1 << 4;
    private static final LeadFormat[] FORMATS = LeadFormat.values();
    private static final LookupOutcome[] OUTCOMES = LookupOutcome.values();
    private static final SuppressionAction[] ACTIONS = SuppressionAction.values();

    private LeadEventSerializer() {}

    @Override
    public void serialize(LeadEvent e, DataOutputView out) throws IOException {
        if (e == null) {
            out.writeByte(NULL);
            return;
        }
        out.writeByte((e.refresh ? REFRESH : 0) | (e.refreshDeferred ? REFRESH_DEFERRED : 0) | (e.pushed ? PUSHED : 0)
                | (e.contactUpdate ? CONTACT_UPDATE : 0));
        Wire.writeString(out, e.externalId);
        Wire.writeLong(out, e.selaId);
        Wire.writeString(out, e.key);
        Wire.writeString(out, e.topic);
        out.writeInt(e.partition);
        out.writeLong(e.offset);
        Wire.writeEnum(out, e.format);
        out.writeLong(e.eventTime);
        Wire.writeString(out, e.phoneNumber);
        Wire.writeString(out, e.email);
        Wire.writeString(out, e.usState);
        Wire.writeString(out, e.leadType);
        Wire.writeString(out, e.leadSource);
        Wire.writeString(out, e.firstName);
        Wire.writeString(out, e.lastName);
        Wire.writeString(out, e.metadataJson);
        Wire.writeString(out, e.callId);
        out.writeLong(e.callAt);
        out.writeLong(e.seq);
        out.writeLong(e.lookupSeq);
        writeLookup(out, e.lookup);
        Wire.writeString(out, e.matchedBy);
        writeVerdict(out, e.phoneVerdict);
        writeVerdict(out, e.emailVerdict);
    }

    @Override
    public LeadEvent deserialize(DataInputView in) throws IOException {
        int flags = in.readUnsignedByte();
        if ((flags & NULL) != 0) {
            return null;
        }
        LeadEvent e = new LeadEvent();
        e.refresh = (flags & REFRESH) != 0;
        e.refreshDeferred = (flags & REFRESH_DEFERRED) != 0;
        e.pushed = (flags & PUSHED) != 0;
        e.contactUpdate = (flags & CONTACT_UPDATE) != 0;
        e.externalId = Wire.readString(in);
        e.selaId = Wire.readLong(in);
        e.key = Wire.readString(in);
        e.topic = Wire.readString(in);
        e.partition = in.readInt();
        e.offset = in.readLong();
        e.format = Wire.readEnum(in, FORMATS);
        e.eventTime = in.readLong();
        e.phoneNumber = Wire.readString(in);
        e.email = Wire.readString(in);
        e.usState = Wire.readString(in);
        e.leadType = Wire.readString(in);
        e.leadSource = Wire.readString(in);
        e.firstName = Wire.readString(in);
        e.lastName = Wire.readString(in);
        e.metadataJson = Wire.readString(in);
        e.callId = Wire.readString(in);
        e.callAt = in.readLong();
        e.seq = in.readLong();
        e.lookupSeq = in.readLong();
        e.lookup = readLookup(in);
        e.matchedBy = Wire.readString(in);
        e.phoneVerdict = readVerdict(in);
        e.emailVerdict = readVerdict(in);
        return e;
    }

    private static void writeLookup(DataOutputView out, SelaLookup lookup) throws IOException {
        out.writeBoolean(lookup != null);
        if (lookup == null) {
            return;
        }
        Wire.writeEnum(out, lookup.outcome);
        writeSela(out, lookup.lead);
        out.writeInt(lookup.matches);
        out.writeInt(lookup.attempts);
        Wire.writeString(out, lookup.query);
        Wire.writeString(out, lookup.failure);
    }

    private static SelaLookup readLookup(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        SelaLookup lookup = new SelaLookup();
        lookup.outcome = Wire.readEnum(in, OUTCOMES);
        lookup.lead = readSela(in);
        lookup.matches = in.readInt();
        lookup.attempts = in.readInt();
        lookup.query = Wire.readString(in);
        lookup.failure = Wire.readString(in);
        return lookup;
    }

    private static void writeSela(DataOutputView out, SelaLead sela) throws IOException {
        out.writeBoolean(sela != null);
        if (sela == null) {
            return;
        }
        Wire.writeLong(out, sela.id);
        Wire.writeString(out, sela.externalId);
        Wire.writeString(out, sela.email);
        Wire.writeString(out, sela.phoneNumber);
        Wire.writeString(out, sela.status);
        Wire.writeString(out, sela.statusDetail);
        Wire.writeString(out, sela.statusReason);
        Wire.writeString(out, sela.usState);
        Wire.writeString(out, sela.leadType);
        Wire.writeString(out, sela.leadSource);
        Wire.writeBoolean(out, sela.callDnc);
        Wire.writeBoolean(out, sela.smsDnc);
        Wire.writeLong(out, sela.modifiedMicros);
        Wire.writeLong(out, sela.nextCallMicros);
        Wire.writeString(out, sela.json);
    }

    private static SelaLead readSela(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        SelaLead sela = new SelaLead();
        sela.id = Wire.readLong(in);
        sela.externalId = Wire.readString(in);
        sela.email = Wire.readString(in);
        sela.phoneNumber = Wire.readString(in);
        sela.status = Wire.readString(in);
        sela.statusDetail = Wire.readString(in);
        sela.statusReason = Wire.readString(in);
        sela.usState = Wire.readString(in);
        sela.leadType = Wire.readString(in);
        sela.leadSource = Wire.readString(in);
        sela.callDnc = Wire.readBoolean(in);
        sela.smsDnc = Wire.readBoolean(in);
        sela.modifiedMicros = Wire.readLong(in);
        sela.nextCallMicros = Wire.readLong(in);
        sela.json = Wire.readString(in);
        return sela;
    }

    private static void writeVerdict(DataOutputView out, ContactVerdict verdict) throws IOException {
        out.writeBoolean(verdict != null);
        if (verdict == null) {
            return;
        }
        Wire.writeString(out, verdict.identity);
        out.writeLong(verdict.version);
        writeMark(out, verdict.doNotCallBy);
        writeMark(out, verdict.litigatorBy);
        writeListed(out, verdict.listed);
        Wire.writeLongs(out, verdict.callTimes);
    }

    private static ContactVerdict readVerdict(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        ContactVerdict verdict = new ContactVerdict();
        verdict.identity = Wire.readString(in);
        verdict.version = in.readLong();
        verdict.doNotCallBy = readMark(in);
        verdict.litigatorBy = readMark(in);
        verdict.listed = readListed(in);
        verdict.callTimes = Wire.readLongs(in);
        return verdict;
    }

    private static void writeMark(DataOutputView out, CarriedMark mark) throws IOException {
        out.writeBoolean(mark != null);
        if (mark == null) {
            return;
        }
        Wire.writeString(out, mark.externalId);
        Wire.writeLong(out, mark.selaId);
        Wire.writeString(out, mark.doNotCall);
        out.writeBoolean(mark.litigator);
        Wire.writeLong(out, mark.modifiedMicros);
        out.writeLong(mark.seenAt);
    }

    private static CarriedMark readMark(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        CarriedMark mark = new CarriedMark();
        mark.externalId = Wire.readString(in);
        mark.selaId = Wire.readLong(in);
        mark.doNotCall = Wire.readString(in);
        mark.litigator = in.readBoolean();
        mark.modifiedMicros = Wire.readLong(in);
        mark.seenAt = in.readLong();
        return mark;
    }

    private static void writeListed(DataOutputView out, SuppressionUpdate listed) throws IOException {
        out.writeBoolean(listed != null);
        if (listed == null) {
            return;
        }
        Wire.writeEnum(out, listed.action);
        Wire.writeString(out, listed.identity);
        Wire.writeString(out, listed.reason);
        Wire.writeString(out, listed.topic);
        out.writeInt(listed.partition);
        out.writeLong(listed.offset);
    }

    private static SuppressionUpdate readListed(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        SuppressionUpdate listed = new SuppressionUpdate();
        listed.action = Wire.readEnum(in, ACTIONS);
        listed.identity = Wire.readString(in);
        listed.reason = Wire.readString(in);
        listed.topic = Wire.readString(in);
        listed.partition = in.readInt();
        listed.offset = in.readLong();
        return listed;
    }

    @Override
    public LeadEvent deserialize(LeadEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    /** A deep copy, through the wire format: Flink copies only where records are not reused, which this job's are. */
    @Override
    public LeadEvent copy(LeadEvent from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(512);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public LeadEvent copy(LeadEvent from, LeadEvent reuse) {
        return copy(from);
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    /** Stateless, so one instance serves every thread. */
    @Override
    public TypeSerializer<LeadEvent> duplicate() {
        return this;
    }

    @Override
    public LeadEvent createInstance() {
        return new LeadEvent();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof LeadEventSerializer;
    }

    @Override
    public int hashCode() {
        return LeadEventSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<LeadEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The format has no parameters; a change to it is a new version of this class. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<LeadEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
