package io.leadquality.analytics;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Sums a source window's lead changes into its counts, so the window holds counts rather than leads. */
public class SourceQualityAggregate implements AggregateFunction<QualityChange, SourceQualityCounts, SourceQualityCounts> {
    private static final long serialVersionUID = 1L;

    @Override
    public SourceQualityCounts createAccumulator() {
        return new SourceQualityCounts();
    }

    @Override
    public SourceQualityCounts add(QualityChange value, SourceQualityCounts counts) {
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
