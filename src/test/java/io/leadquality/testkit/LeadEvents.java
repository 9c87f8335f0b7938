package io.leadquality.testkit;

import io.leadquality.model.LeadEvent;
import io.leadquality.model.LeadFormat;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SelaLookup;

/** Normalised lead events and Sela leads for rule and operator tests. */
public final class LeadEvents {
    private LeadEvents() {}

    public static LeadEvent event(String externalId) {
        LeadEvent event = new LeadEvent();
        event.externalId = externalId;
        event.key = externalId;
        event.topic = "leads.incoming";
        event.partition = 0;
        event.offset = Math.abs(externalId.hashCode() % 1000);
        event.format = LeadFormat.SELA;
        event.eventTime = 1_700_000_000_000L;
        event.phoneNumber = "+18042221111";
        event.metadataJson = "{}";
        return event;
    }

    public static SelaLead sela(long id, String externalId) {
        SelaLead lead = new SelaLead();
        lead.id = id;
        lead.externalId = externalId;
        lead.phoneNumber = "+18042221111";
        lead.status = "OPEN";
        lead.usState = "VA";
        lead.leadType = "7";
        lead.callDnc = false;
        lead.smsDnc = false;
        lead.modifiedMicros = 1_740_000_000_000_000L;
        lead.json = "{\"id\":" + id + "}";
        return lead;
    }

    public static SelaLookup found(SelaLead lead) {
        return SelaLookup.found("external_id=" + lead.externalId, lead, 1, 1);
    }
}
