package io.leadquality.model;

import io.leadquality.analytics.LeadInWindow;
import io.leadquality.analytics.QualityChange;
import io.leadquality.analytics.QualityObservation;
import io.leadquality.analytics.SourceQuality;
import io.leadquality.contacts.ContactMarks;
import io.leadquality.join.LeadState;
import io.leadquality.output.OutboundRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

/** Every type in Flink state or on the wire is a POJO Flink serialises without Kryo. */
class PojoSerializationTest {

    @ParameterizedTest
    @ValueSource(classes = {RawRecord.class, LeadEvent.class, SelaLead.class, SelaLookup.class, EnrichedLead.class,
        ComplianceAlert.class, StatusChange.class, DeadLetter.class, LeadState.class, OutboundRecord.class, RefreshRequest.class,
        SuppressionUpdate.class, IdentityLink.class, CarriedMark.class, ContactVerdict.class, ContactMarks.class,
        QualityObservation.class, LeadInWindow.class, QualityChange.class, SourceQuality.class})
    void serialisedAsPojo(Class<?> type) {
        assertSerializedAsPojoWithoutKryo(type);
    }
}
