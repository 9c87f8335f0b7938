package io.leadquality.join;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One String instance per repeated short text (a Sela status, a lead type, a state code). On the
 * heap state backend every lead keeps its own objects, and texts arriving over the network are
 * fresh copies each time: a million leads would hold a million copies of "NEW".
 */
final class SharedTexts {
    private static final int MAX_CHARS = 64;
    /** Bounded against free-text values; emptied when full, so later values are shared too. */
    private static final int LIMIT = 4_096;
    private static final Map<String, String> POOL = new ConcurrentHashMap<>();

    private SharedTexts() {}

    static String of(String text) {
        if (text == null || text.length() > MAX_CHARS) {
            return text;
        }
        String shared = POOL.get(text);
        if (shared != null) {
            return shared;
        }
        if (POOL.size() >= LIMIT) {
            POOL.clear();
        }
        shared = POOL.putIfAbsent(text, text);
        return shared != null ? shared : text;
    }

    /** The first when the two are equal, so a lead holds one copy; else the second. */
    static String sameAs(String existing, String text) {
        return existing != null && existing.equals(text) ? existing : text;
    }
}
