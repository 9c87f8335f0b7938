package io.leadquality.workflow;

import io.leadquality.config.JobConfig;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.RawRecord;
import io.leadquality.serialization.LeadEventSerializer;
import io.leadquality.testkit.TestConfigs;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which serializer carries lead events into each stage of the job's graph. */
class NetworkSerializersTest {

    @Test
    void eventsReachEveryKeyedStageInTheirOwnFormatAndTheAsyncLookupAsPojos() {
        List<String> keyedInputs = new ArrayList<>();
        boolean asyncSeen = false;
        for (StreamNode node : jobGraph().getStreamNodes()) {
            for (TypeSerializer<?> in : node.getTypeSerializersIn()) {
                if (!(in.createInstance() instanceof LeadEvent)) {
                    continue;
                }
                if (node.getOperatorName().startsWith("Sela lookup")) {
                    // Its checkpoints keep the events in flight with this serializer: savepoints depend on it.
                    assertThat(in).as(node.getOperatorName()).isInstanceOf(PojoSerializer.class);
                    asyncSeen = true;
                } else if (node.getStatePartitioners().length > 0) {
                    assertThat(in).as(node.getOperatorName()).isSameAs(LeadEventSerializer.INSTANCE);
                    keyedInputs.add(node.getOperatorName());
                }
            }
        }
        assertThat(asyncSeen).isTrue();
        assertThat(keyedInputs).as("the cache, the resolver, the phone and e-mail stages, the join").hasSize(5);
    }

    private static StreamGraph jobGraph() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobConfig config = TestConfigs.with();
        TypeInformation<RawRecord> raw = TypeInformation.of(RawRecord.class);
        DataStream<RawRecord> records = env.fromData(raw, new RawRecord());
        DataStream<RawRecord> list = env.fromData(raw, new RawRecord());
        DataStream<RawRecord> updates = env.fromData(raw, new RawRecord());
        LeadQualityStreams streams = LeadQualityWorkflow.defineWorkflow(records, list, updates, config);
        LeadQualityWorkflow.toOutboundRecords(streams, config).sinkTo(new DiscardingSink<>());
        LeadQualityWorkflow.toRefreshRecords(streams, config).sinkTo(new DiscardingSink<>());
        return env.getStreamGraph();
    }
}
