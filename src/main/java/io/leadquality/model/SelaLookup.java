package io.leadquality.model;

/** The answer of one Sela lookup (after retries). Flink POJO. */
public class SelaLookup {
    public LookupOutcome outcome;
    /** The matched lead (most recently modified of several), null unless FOUND. */
    public SelaLead lead;
    /** How many Sela leads matched the query. */
    public int matches;
    /** HTTP attempts made, retries included. */
    public int attempts;
    /** The query that was asked, for example {@code external_id=abc}. */
    public String query;
    /** Why the lookup failed, null unless FAILED. */
    public String failure;

    public SelaLookup() {}

    public static SelaLookup found(String query, SelaLead lead, int matches, int attempts) {
        SelaLookup lookup = of(LookupOutcome.FOUND, query, attempts);
        lookup.lead = lead;
        lookup.matches = matches;
        return lookup;
    }

    public static SelaLookup notFound(String query, int attempts) {
        return of(LookupOutcome.NOT_FOUND, query, attempts);
    }

    public static SelaLookup failed(String query, String failure, int attempts) {
        SelaLookup lookup = of(LookupOutcome.FAILED, query, attempts);
        lookup.failure = failure;
        return lookup;
    }

    private static SelaLookup of(LookupOutcome outcome, String query, int attempts) {
        SelaLookup lookup = new SelaLookup();
        lookup.outcome = outcome;
        lookup.query = query;
        lookup.attempts = attempts;
        return lookup;
    }
}
