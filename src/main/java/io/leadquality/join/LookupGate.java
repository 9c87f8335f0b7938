package io.leadquality.join;

import io.leadquality.model.LeadEvent;
import io.leadquality.serialization.LeadEventTypeInfo;
import io.leadquality.state.StateExpiry;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;

/**
 * The per-key lookup cache, in keyed state: an event whose key was looked up within
 * {@code sela.cache-ttl} goes to {@link #CACHED} and is answered from the join's snapshot; any
 * other event, and every refresh request, goes on to a Sela lookup. Each event is stamped with its
 * place among its key's events ({@code seq}) and with the stamp of the lookup that answers it
 * ({@code lookupSeq}), so the join can hold an event until that lookup arrives, and can tell an
 * answer that arrives late from a newer one.
 */
public class LookupGate extends KeyedProcessFunction<String, LeadEvent, LeadEvent> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<LeadEvent> CACHED = new OutputTag<>("served-from-cache", LeadEventTypeInfo.INSTANCE);
    /** Sela snapshots pushed by webhook: they count as the key's lookup, and go to the join with no API call. */
    public static final OutputTag<LeadEvent> PUSHED = new OutputTag<>("pushed-by-webhook", LeadEventTypeInfo.INSTANCE);

    private final Duration cacheTtl;
    /** The stamp (micros) of the key's last lookup. */
    private transient ValueState<Long> lastLookupAt;
    private transient SequenceClock clock;
    private transient Counter cacheHits;
    private transient Counter cacheMisses;

    public LookupGate(Duration cacheTtl) {
        this.cacheTtl = cacheTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Long> descriptor = new ValueStateDescriptor<>("last-lookup-at", Long.class);
        if (!cacheTtl.isZero()) {
            descriptor.enableTimeToLive(StateExpiry.after(cacheTtl));
        }
        lastLookupAt = getRuntimeContext().getState(descriptor);
        clock = new SequenceClock();
        cacheHits = getRuntimeContext().getMetricGroup().addGroup("sela").counter("cacheHits");
        cacheMisses = getRuntimeContext().getMetricGroup().addGroup("sela").counter("cacheMisses");
        getRuntimeContext().getMetricGroup().addGroup("sela").gauge("cacheHitRatio", this::cacheHitRatio);
    }

    private double cacheHitRatio() {
        long hits = cacheHits.getCount();
        long all = hits + cacheMisses.getCount();
        return all == 0 ? 0.0 : (double) hits / all;
    }

    @Override
    public void processElement(LeadEvent event, Context ctx, Collector<LeadEvent> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        event.seq = clock.next(now);
        if (event.pushed) {
            event.lookupSeq = event.seq;
            if (!cacheTtl.isZero()) {
                lastLookupAt.update(event.seq);
            }
            ctx.output(PUSHED, event);
            return;
        }
        Long last = cacheTtl.isZero() ? null : lastLookupAt.value();
        if (last != null && now * 1000 - last < cacheTtl.toMillis() * 1000 && !event.refresh) {
            event.lookupSeq = last;
            ctx.output(CACHED, event);
            cacheHits.inc();
            return;
        }
        if (!cacheTtl.isZero()) {
            lastLookupAt.update(event.seq);
        }
        event.lookupSeq = event.seq;
        out.collect(event);
        cacheMisses.inc();
    }
}
