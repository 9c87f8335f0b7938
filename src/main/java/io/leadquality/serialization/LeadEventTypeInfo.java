package io.leadquality.serialization;

import io.leadquality.model.LeadEvent;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * {@link LeadEvent} as it travels between the keyed stages ({@link LeadEventSerializer}). Set on the
 * streams that cross the network only; state and the async lookup's input (whose in-flight events a
 * checkpoint keeps) stay the POJO type.
 */
public final class LeadEventTypeInfo extends TypeInformation<LeadEvent> {
    private static final long serialVersionUID = 1L;
    public static final LeadEventTypeInfo INSTANCE = new LeadEventTypeInfo();

    private LeadEventTypeInfo() {}

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<LeadEvent> getTypeClass() {
        return LeadEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<LeadEvent> createSerializer(SerializerConfig config) {
        return LeadEventSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "LeadEvent (network)";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof LeadEventTypeInfo;
    }

    @Override
    public int hashCode() {
        return LeadEventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof LeadEventTypeInfo;
    }
}
