package io.leadquality.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadquality.normalize.Emails;
import io.leadquality.normalize.PhoneNumbers;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The simulator's leads, indexed by id, external_id, phone and email as Sela's list filters need. */
final class LeadStore {
    private static final DateTimeFormatter SELA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private final Map<Long, ObjectNode> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> byExternalId = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> byPhone = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> byEmail = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(28000);
    private final AtomicLong lastModifiedMicros = new AtomicLong();

    ObjectNode get(long id) {
        return byId.get(id);
    }

    int size() {
        return byId.size();
    }

    /** Leads matching every given filter (null filters are ignored), in id order. */
    List<ObjectNode> find(String externalId, String phone, String email) {
        Set<Long> ids = null;
        if (externalId != null) {
            ids = byExternalId.getOrDefault(externalId, Set.of());
        }
        if (phone != null) {
            ids = intersect(ids, byPhone.getOrDefault(normalPhone(phone), Set.of()));
        }
        if (email != null) {
            ids = intersect(ids, byEmail.getOrDefault(Emails.normalize(email), Set.of()));
        }
        List<ObjectNode> out = new ArrayList<>();
        if (ids == null) {
            out.addAll(byId.values());
        } else {
            ids.forEach(id -> {
                ObjectNode lead = byId.get(id);
                if (lead != null) {
                    out.add(lead);
                }
            });
        }
        out.sort(Comparator.comparingLong(l -> l.get("id").asLong()));
        return out;
    }

    /**
     * A lead made up for an external_id the store does not hold, the same on every call: for load
     * tests with more leads than are worth storing. Not stored.
     */
    ObjectNode synthetic(String externalId) {
        ObjectNode seed = JsonNodeFactory.instance.objectNode();
        seed.put("id", syntheticId(externalId));
        ObjectNode lead = defaults(seed);
        lead.put("external_id", externalId);
        lead.put("phone_number", syntheticPhone(externalId));
        lead.put("email", externalId.toLowerCase(Locale.ROOT) + "@example.com");
        lead.put("us_state", "VA");
        lead.put("lead_type", 7);
        lead.put("status", "OPEN");
        lead.put("lead_source", "synthetic");
        return lead;
    }

    private static long syntheticId(String externalId) {
        return 1_000_000_000L + (externalId.hashCode() & 0x7fffffffL);
    }

    /** The phone of the lead made up for {@code externalId}: leads made up this way share one now and then. */
    static String syntheticPhone(String externalId) {
        return String.format("+1804%07d", syntheticId(externalId) % 10_000_000L);
    }

    /**
     * Creates a lead, or merges the fields into the lead with the same id (else external_id);
     * {@code modified_time} moves to now unless the update sets it.
     */
    synchronized ObjectNode upsert(ObjectNode update) {
        ObjectNode existing = null;
        if (update.hasNonNull("id")) {
            existing = byId.get(update.get("id").asLong());
        } else if (update.hasNonNull("external_id")) {
            Set<Long> ids = byExternalId.getOrDefault(update.get("external_id").asText(), Set.of());
            existing = ids.isEmpty() ? null : byId.get(ids.iterator().next());
        }
        ObjectNode lead = existing == null ? defaults(update) : existing.deepCopy();
        if (existing != null) {
            unindex(existing);
        }
        lead.setAll(update);
        if (!update.has("modified_time")) {
            lead.put("modified_time", now());
        }
        byId.put(lead.get("id").asLong(), lead);
        index(lead);
        return lead;
    }

    private ObjectNode defaults(ObjectNode update) {
        ObjectNode lead = update.objectNode();
        long id = update.hasNonNull("id") ? update.get("id").asLong() : nextId.incrementAndGet();
        nextId.accumulateAndGet(id, Math::max);
        String now = now();
        lead.put("id", id);
        lead.putNull("email");
        lead.putNull("phone_number");
        lead.putObject("metadata");
        lead.put("created_time", now);
        lead.put("modified_time", now);
        lead.put("status", "NEW");
        lead.putNull("status_detail");
        lead.putNull("status_reason");
        lead.putNull("lead_type");
        lead.putNull("representative");
        lead.putNull("next_call_time");
        lead.putNull("next_call_time_reason");
        lead.putNull("external_id");
        lead.putNull("us_state");
        lead.putNull("lead_source");
        lead.put("received_time", now);
        lead.put("reengagements_count", 0);
        lead.putNull("last_reengagement_time");
        lead.putNull("call_schedule_start_time");
        lead.put("sms_dnc", false);
        lead.put("call_dnc", false);
        return lead;
    }

    /** Sela's microsecond timestamps, strictly increasing so every update is newer than the last. */
    private String now() {
        long micros = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, java.time.Instant.now());
        long unique = lastModifiedMicros.accumulateAndGet(micros, (prev, cur) -> Math.max(prev + 1, cur));
        return SELA_TIME.format(OffsetDateTime.ofInstant(
                java.time.Instant.EPOCH.plus(unique, ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    private void index(ObjectNode lead) {
        long id = lead.get("id").asLong();
        add(byExternalId, text(lead, "external_id"), id);
        add(byPhone, normalPhone(text(lead, "phone_number")), id);
        add(byEmail, Emails.normalize(text(lead, "email")), id);
    }

    private void unindex(ObjectNode lead) {
        long id = lead.get("id").asLong();
        remove(byExternalId, text(lead, "external_id"), id);
        remove(byPhone, normalPhone(text(lead, "phone_number")), id);
        remove(byEmail, Emails.normalize(text(lead, "email")), id);
    }

    private static String normalPhone(String phone) {
        return phone == null ? null : PhoneNumbers.normalize(phone);
    }

    private static String text(JsonNode lead, String field) {
        JsonNode value = lead.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void add(Map<String, Set<Long>> index, String key, long id) {
        if (key != null) {
            index.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(id);
        }
    }

    private static void remove(Map<String, Set<Long>> index, String key, long id) {
        if (key != null) {
            index.computeIfPresent(key, (k, ids) -> {
                ids.remove(id);
                return ids.isEmpty() ? null : ids;
            });
        }
    }

    private static Set<Long> intersect(Set<Long> a, Set<Long> b) {
        if (a == null) {
            return b;
        }
        Set<Long> out = ConcurrentHashMap.newKeySet();
        a.stream().filter(b::contains).forEach(out::add);
        return out;
    }
}
