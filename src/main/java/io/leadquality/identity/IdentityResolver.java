package io.leadquality.identity;

import io.leadquality.model.IdentityLink;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.SuppressionUpdate;
import io.leadquality.state.StateExpiry;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * Keyed by phone ({@code phone_number:+1...}) or email: remembers the lead the job last saw with
 * it, and keys an event that Sela could not match (no external_id, a lookup that found nothing or
 * failed) to that lead, so it is judged with what the job holds of it rather than as a stranger
 * (SPEC section 2). An event is matched by its phone when it has one, else by its email.
 */
public class IdentityResolver extends KeyedCoProcessFunction<String, IdentityLink, LeadEvent, LeadEvent> {
    private static final long serialVersionUID = 1L;

    private final Duration stateTtl;
    private transient ValueState<String> knownKey;
    private transient Counter matched;

    public IdentityResolver(Duration stateTtl) {
        this.stateTtl = stateTtl;
    }

    /** The identity an unmatched event is resolved by: its phone, else its email. */
    public static final class EventIdentity implements KeySelector<LeadEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(LeadEvent event) {
            return event.phoneNumber != null ? SuppressionUpdate.phoneIdentity(event.phoneNumber)
                    : SuppressionUpdate.emailIdentity(event.email);
        }
    }

    public static final class LinkIdentity implements KeySelector<IdentityLink, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(IdentityLink link) {
            return link.identity;
        }
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<String> descriptor = new ValueStateDescriptor<>("lead-with-identity", String.class);
        descriptor.enableTimeToLive(StateExpiry.after(stateTtl));
        knownKey = getRuntimeContext().getState(descriptor);
        matched = getRuntimeContext().getMetricGroup().counter("eventsMatchedByIdentity");
    }

    @Override
    public void processElement1(IdentityLink link, Context ctx, Collector<LeadEvent> out) throws Exception {
        knownKey.update(link.key); // every time, so it lives as long as the lead's own state
    }

    @Override
    public void processElement2(LeadEvent event, Context ctx, Collector<LeadEvent> out) throws Exception {
        String key = knownKey.value();
        if (key != null) {
            event.key = key;
            event.matchedBy = event.phoneNumber != null ? "phone_number" : "email";
            matched.inc();
        }
        out.collect(event);
    }
}
