package io.leadquality.suppression;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.function.SerializableSupplier;

import java.util.List;

/**
 * Passes records through and, when its bounded input ends, emits its marker records after them:
 * how the contact stages learn that the suppression list has been read to its end.
 */
public class EndOfInputMarker<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final SerializableSupplier<List<T>> markers;

    public EndOfInputMarker(SerializableSupplier<List<T>> markers) {
        this.markers = markers;
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void endInput() {
        for (T marker : markers.get()) {
            output.collect(new StreamRecord<>(marker));
        }
    }
}
