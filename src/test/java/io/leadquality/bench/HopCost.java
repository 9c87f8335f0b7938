package io.leadquality.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadquality.model.ContactVerdict;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SuppressionUpdate;
import io.leadquality.normalize.Timestamps;
import io.leadquality.serialization.LeadEventSerializer;
import io.leadquality.testkit.LeadEvents;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * 14. What two per-event steps cost alone, on one thread, so a change to them can be told apart on a
 * machine whose whole-job figures vary more than the change: an event served from state through one
 * hop between keyed stages (written, then read back), and one that carries its Sela lookup, as Flink's POJO serializer and as
 * {@link LeadEventSerializer} do it; and an output record's three times, by the formatter and by
 * {@link Timestamps#formatMillis}. Alternated in rounds; the median round counts.
 */
final class HopCost {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final DateTimeFormatter FORMATTER =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int ROUNDS = 7;

    record Result(double pojoNanos, double ownNanos, double pojoLookupNanos, double ownLookupNanos, double formatterNanos,
                  double formatMillisNanos) {}

    private HopCost() {}

    static Result measure(int perRound) throws Exception {
        LeadEvent event = servedFromState();
        LeadEvent looked = withLookup();
        TypeSerializer<LeadEvent> pojo = TypeInformation.of(LeadEvent.class).createSerializer(new SerializerConfigImpl());
        double[][] nanos = new double[6][ROUNDS];
        for (int round = -2; round < ROUNDS; round++) { // two rounds to warm the JIT
            double[] these = {hops(pojo, event, perRound), hops(LeadEventSerializer.INSTANCE, event, perRound),
                    hops(pojo, looked, perRound / 4), hops(LeadEventSerializer.INSTANCE, looked, perRound / 4),
                    times(true, perRound), times(false, perRound)};
            for (int i = 0; round >= 0 && i < these.length; i++) {
                nanos[i][round] = these[i];
            }
        }
        return new Result(median(nanos[0]), median(nanos[1]), median(nanos[2]), median(nanos[3]), median(nanos[4]),
                median(nanos[5]));
    }

    private static double hops(TypeSerializer<LeadEvent> serializer, LeadEvent event, int count) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        DataInputDeserializer in = new DataInputDeserializer();
        long sink = 0;
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < count; i++) {
            out.clear();
            serializer.serialize(event, out);
            in.setBuffer(out.getSharedBuffer(), 0, out.length());
            sink += serializer.deserialize(in).offset;
        }
        return check(THREADS.getCurrentThreadCpuTime() - start, count, sink);
    }

    /** An output record's event time, next allowed call and processing time: three seconds apart. */
    private static double times(boolean formatter, int count) {
        long base = Instant.parse("2026-12-04T10:00:00.123Z").toEpochMilli();
        long sink = 0;
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < count; i++) {
            for (long at : new long[] {base + i, base + 3_600_000L + i, base + 7_200_000L + 2 * i}) {
                sink += formatter ? FORMATTER.format(Instant.ofEpochMilli(at)).length() : Timestamps.formatMillis(at).length();
            }
        }
        return check(THREADS.getCurrentThreadCpuTime() - start, count, sink);
    }

    /** Uses what the loop computed, so the JIT cannot drop the loop. */
    private static double check(long nanos, int count, long sink) {
        if (sink == Long.MIN_VALUE) {
            throw new IllegalStateException();
        }
        return (double) nanos / count;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** An event of figure 4 as it leaves the e-mail stage for the join: served from state, both verdicts on it. */
    private static LeadEvent servedFromState() {
        LeadEvent e = LeadEvents.event("b-1234");
        e.email = "b-1234@example.com";
        e.usState = "VA";
        e.leadType = "34";
        e.leadSource = "SunLeads";
        e.firstName = "Ada";
        e.lastName = "Lovelace";
        e.seq = 1_796_000_000_000_123L;
        e.lookupSeq = e.seq - 1_000;
        e.phoneVerdict = verdict(SuppressionUpdate.phoneIdentity(e.phoneNumber));
        e.emailVerdict = verdict(SuppressionUpdate.emailIdentity(e.email));
        return e;
    }

    /** The same event as it leaves the lookup: Sela's lead found, with its JSON. */
    private static LeadEvent withLookup() throws IOException {
        LeadEvent e = servedFromState();
        e.phoneVerdict = null;
        e.emailVerdict = null;
        SelaLead lead = LeadEvents.sela(801L, e.externalId);
        lead.email = e.email;
        lead.leadSource = e.leadSource;
        try (InputStream example = HopCost.class.getResourceAsStream("/api-examples/sela-retrieve-lead.json")) {
            lead.json = new ObjectMapper().readTree(example).toString(); // the Sela docs' lead, about 1 KB
        }
        e.lookup = LeadEvents.found(lead);
        return e;
    }

    private static ContactVerdict verdict(String identity) {
        ContactVerdict verdict = new ContactVerdict();
        verdict.identity = identity;
        verdict.version = 3;
        return verdict;
    }
}
