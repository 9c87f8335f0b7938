package io.leadquality.serialization;

import io.leadquality.model.LeadEvent;
import io.leadquality.model.LeadFormat;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LeadEventSerializerTest {
    private static final LeadEventSerializer SERIALIZER = LeadEventSerializer.INSTANCE;

    /** Every field of the event and of what it nests, each set to a value of its own: a field the serializer misses fails here. */
    @Test
    void everyFieldOfTheEventAndWhatItNestsComesBack() throws Exception {
        LeadEvent event = filled(LeadEvent.class, new AtomicLong(1));

        LeadEvent back = roundTrip(event);

        assertThat(back).isNotSameAs(event).usingRecursiveComparison().isEqualTo(event);
        assertThat(back.lookup.lead).isNotNull();
        assertThat(back.phoneVerdict.listed).isNotNull();
        assertThat(back.emailVerdict.callTimes).hasSize(3);
    }

    @Test
    void anEmptyEventComesBackEmptyWithItsNullsAsNulls() throws Exception {
        LeadEvent event = new LeadEvent();
        event.metadataJson = null;

        assertThat(roundTrip(event)).usingRecursiveComparison().isEqualTo(event);
        assertThat(roundTrip(null)).isNull();
    }

    @Test
    void textsComeBackCharForCharWhateverTheyHold() throws Exception {
        StringBuilder long_ = new StringBuilder();
        for (int i = 0; i < 300_000; i++) {
            long_.append((char) ('a' + i % 26));
        }
        for (String text : new String[] {"", "\u0000", "José Ñúñez", "日本語 ☎", "\uD83D\uDCDE call",
                "\uD800 a lone surrogate", "\uFFFF", long_.toString()}) {
            LeadEvent event = new LeadEvent();
            event.firstName = text;
            event.metadataJson = text;
            LeadEvent back = roundTrip(event);
            assertThat(back.firstName).isEqualTo(text);
            assertThat(back.metadataJson).isEqualTo(text);
        }
    }

    @Test
    void aCopyIsDeepAndTheSnapshotRestoresTheSameSerializer() throws Exception {
        LeadEvent event = filled(LeadEvent.class, new AtomicLong(100));
        LeadEvent copy = SERIALIZER.copy(event);
        assertThat(copy).usingRecursiveComparison().isEqualTo(event);
        assertThat(copy.lookup).isNotSameAs(event.lookup);
        assertThat(copy.phoneVerdict.callTimes).isNotSameAs(event.phoneVerdict.callTimes);

        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, SERIALIZER.snapshotConfiguration());
        TypeSerializerSnapshot<LeadEvent> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(restored.restoreSerializer()).isSameAs(SERIALIZER);
        TypeSerializerSchemaCompatibility<LeadEvent> compatibility =
                SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(restored);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
    }

    @Test
    void recordsOneAfterAnotherReadBackInOrder() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        LeadEvent first = filled(LeadEvent.class, new AtomicLong(7));
        LeadEvent second = new LeadEvent();
        second.key = "second";
        second.format = LeadFormat.MAPPED;
        SERIALIZER.serialize(first, out);
        SERIALIZER.serialize(second, out);
        DataOutputSerializer copied = new DataOutputSerializer(256);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        SERIALIZER.copy(in, copied);
        SERIALIZER.copy(in, copied);

        DataInputDeserializer again = new DataInputDeserializer(copied.getCopyOfBuffer());
        assertThat(SERIALIZER.deserialize(again)).usingRecursiveComparison().isEqualTo(first);
        assertThat(SERIALIZER.deserialize(again)).usingRecursiveComparison().isEqualTo(second);
        assertThat(again.available()).isZero();
    }

    private static LeadEvent roundTrip(LeadEvent event) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        SERIALIZER.serialize(event, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        LeadEvent back = SERIALIZER.deserialize(in);
        assertThat(in.available()).as("bytes left unread").isZero();
        return back;
    }

    /** An instance of a model class with every field set: texts, numbers and flags distinct, enums their last value, nested model objects filled too. */
    static <T> T filled(Class<T> type, AtomicLong next) throws Exception {
        T object = type.getDeclaredConstructor().newInstance();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            field.set(object, valueFor(field.getType(), field.getName(), next));
        }
        return object;
    }

    private static Object valueFor(Class<?> type, String name, AtomicLong next) throws Exception {
        long n = next.incrementAndGet();
        if (type == String.class) {
            return name + "-" + n + "-é";
        } else if (type == long.class || type == Long.class) {
            return 1_000_000_007L * n;
        } else if (type == int.class || type == Integer.class) {
            return (int) (1_000 + n);
        } else if (type == boolean.class) {
            return true;
        } else if (type == Boolean.class) {
            return n % 2 == 0;
        } else if (type == long[].class) {
            return new long[] {n, n + 1, n + 2};
        } else if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[(int) (n % constants.length)];
        } else if (type.getPackageName().equals("io.leadquality.model")) {
            return filled(type, next);
        }
        throw new AssertionError("no test value for a field of type " + type.getName() + " (" + name + ")");
    }
}
