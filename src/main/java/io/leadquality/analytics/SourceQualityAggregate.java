package io.leadquality.analytics;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Folds a window's observations into its counts, so the window holds counts rather than events. */
public class SourceQualityAggregate implements AggregateFunction<QualityObservation, SourceQualityCounts, SourceQualityCounts> {
    private static final long serialVersionUID = 1L;

    @Override
    public SourceQualityCounts createAccumulator() {
        return new SourceQualityCounts();
    }

    @Override
    public SourceQualityCounts add(QualityObservation value, SourceQualityCounts counts) {
        counts.add(value);
        return counts;
    }

    @Override
    public SourceQualityCounts getResult(SourceQualityCounts counts) {
        return counts;
    }

    @Override
    public SourceQualityCounts merge(SourceQualityCounts a, SourceQualityCounts b) {
        a.addAll(b);
        return a;
    }
}
