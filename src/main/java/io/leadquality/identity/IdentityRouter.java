package io.leadquality.identity;

import io.leadquality.join.JoinKeys;
import io.leadquality.model.IdentityLink;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SuppressionUpdate;
import io.leadquality.serialization.LeadEventTypeInfo;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.Objects;

/**
 * After the lookup: an event without external_id whose lookup found no lead or failed goes to
 * {@link #UNMATCHED}, to be matched to a lead the job knows by its phone or email; every other
 * answered event goes on to the join, and tells {@link #LINKS} which phones and emails its lead has.
 */
public class IdentityRouter extends ProcessFunction<LeadEvent, LeadEvent> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<LeadEvent> UNMATCHED = new OutputTag<>("unmatched-by-sela", LeadEventTypeInfo.INSTANCE);
    public static final OutputTag<IdentityLink> LINKS = new OutputTag<>("identity-links") {};

    @Override
    public void processElement(LeadEvent event, Context ctx, Collector<LeadEvent> out) {
        if (isUnmatched(event)) {
            ctx.output(UNMATCHED, event);
            return;
        }
        SelaLead sela = event.foundSela();
        linkPhone(ctx, event.phoneNumber, event.key);
        linkEmail(ctx, event.email, event.key);
        if (sela != null) {
            if (!Objects.equals(sela.phoneNumber, event.phoneNumber)) {
                linkPhone(ctx, sela.phoneNumber, event.key);
            }
            if (!Objects.equals(sela.email, event.email)) {
                linkEmail(ctx, sela.email, event.key);
            }
        }
        out.collect(event);
    }

    /** No external_id, and Sela did not name the lead: keyed {@code phone:...} or {@code email:...} (see JoinKeys). */
    static boolean isUnmatched(LeadEvent event) {
        return event.externalId == null && JoinKeys.isUnmatched(event.key);
    }

    private static void linkPhone(Context ctx, String phone, String key) {
        if (phone != null) {
            ctx.output(LINKS, new IdentityLink(SuppressionUpdate.phoneIdentity(phone), key));
        }
    }

    private static void linkEmail(Context ctx, String email, String key) {
        if (email != null) {
            ctx.output(LINKS, new IdentityLink(SuppressionUpdate.emailIdentity(email), key));
        }
    }
}
