package io.leadquality.suppression;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * Passes records through and, when its bounded input ends, emits one marker record: how the join
 * learns that the suppression list has been read to its end.
 */
public class EndOfInputMarker<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final SerializableSupplier<T> marker;

    public EndOfInputMarker(SerializableSupplier<T> marker) {
        this.marker = marker;
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void endInput() {
        output.collect(new StreamRecord<>(marker.get()));
    }
}
