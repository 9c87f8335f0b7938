package io.leadquality.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * A seeded corpus of hostile inputs: valid events of every format, mutated (truncation, wrong
 * types, huge strings, deep nesting, invalid UTF-8, control characters, duplicate keys, numbers out
 * of range), plus random bytes. The same seed always gives the same corpus.
 */
public final class HostileInputs {
    public enum Kind { VALID, TRUNCATED, WRONG_TYPE, HUGE_STRING, DEEP_NESTING, INVALID_UTF8, CONTROL_CHARS,
        DUPLICATE_KEY, NUMBER_OUT_OF_RANGE, DROPPED_FIELDS, RANDOM_BYTES, OVERSIZE }

    public record Input(Kind kind, byte[] bytes) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] SEED_FILES = {"sela-retrieve-lead.json", "instantly-lead.json", "pollybot-lead.json"};
    private static final Kind[] MUTATIONS = {Kind.VALID, Kind.TRUNCATED, Kind.WRONG_TYPE, Kind.HUGE_STRING,
        Kind.DEEP_NESTING, Kind.INVALID_UTF8, Kind.CONTROL_CHARS, Kind.DUPLICATE_KEY, Kind.NUMBER_OUT_OF_RANGE,
        Kind.DROPPED_FIELDS, Kind.RANDOM_BYTES};

    private final Random random;
    private final List<ObjectNode> seeds = new ArrayList<>();

    public HostileInputs(long seed) {
        this.random = new Random(seed);
        try {
            for (String file : SEED_FILES) {
                seeds.add((ObjectNode) MAPPER.readTree(Files.readString(Path.of("src/test/resources/api-examples", file))));
            }
            for (String line : Files.readAllLines(Path.of("samples/round1-sela.jsonl"))) {
                seeds.add((ObjectNode) MAPPER.readTree(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} inputs, cycling through the mutations; {@code oversize} of them over 1 MiB. */
    public List<Input> corpus(int count, int oversize) {
        List<Input> out = new ArrayList<>(count);
        for (int i = 0; i < count - oversize; i++) {
            out.add(next(MUTATIONS[i % MUTATIONS.length]));
        }
        for (int i = 0; i < oversize; i++) {
            ObjectNode lead = seed();
            lead.put("padding", "p".repeat((1 << 20) + 1 + random.nextInt(1000)));
            out.add(new Input(Kind.OVERSIZE, bytes(lead)));
        }
        return out;
    }

    public Input next(Kind kind) {
        ObjectNode lead = seed();
        switch (kind) {
            case VALID:
                return new Input(kind, bytes(lead));
            case TRUNCATED: {
                byte[] whole = bytes(lead);
                return new Input(kind, java.util.Arrays.copyOf(whole, random.nextInt(whole.length)));
            }
            case WRONG_TYPE:
                lead.set(randomField(lead), randomValueOfAnyType());
                return new Input(kind, bytes(lead));
            case HUGE_STRING:
                lead.put(randomField(lead), "h".repeat(5_000 + random.nextInt(300_000)));
                return new Input(kind, bytes(lead));
            case DEEP_NESTING: {
                int depth = 30 + random.nextInt(3000);
                String nested = "[".repeat(depth) + "1" + "]".repeat(depth);
                String json = bytesAsText(lead);
                return new Input(kind, (json.substring(0, json.length() - 1) + ",\"deep\":" + nested + "}")
                        .getBytes(StandardCharsets.UTF_8));
            }
            case INVALID_UTF8: {
                byte[] whole = bytes(lead);
                int at = 1 + random.nextInt(whole.length - 2);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(whole, 0, at);
                byte[][] bad = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x28, (byte) 0x8C}};
                byte[] chosen = bad[random.nextInt(bad.length)];
                out.write(chosen, 0, chosen.length);
                out.write(whole, at, whole.length - at);
                return new Input(kind, out.toByteArray());
            }
            case CONTROL_CHARS: {
                String field = randomField(lead);
                StringBuilder text = new StringBuilder(lead.path(field).asText("x"));
                for (int i = 0; i < 1 + random.nextInt(5); i++) {
                    text.insert(random.nextInt(text.length() + 1), (char) random.nextInt(0x20));
                }
                lead.put(field, text.toString());
                byte[] escaped = bytes(lead);
                if (random.nextBoolean()) {
                    return new Input(kind, escaped);
                }
                // raw (unescaped) control characters inside the JSON text
                String raw = bytesAsText(lead).replace("\\u0001", "\u0001").replace("\\t", "\t").replace("\\n", "\n");
                return new Input(kind, raw.getBytes(StandardCharsets.UTF_8));
            }
            case DUPLICATE_KEY: {
                String field = randomField(lead);
                String json = bytesAsText(lead);
                return new Input(kind, (json.substring(0, json.length() - 1) + ",\"" + field + "\":\"again\"}")
                        .getBytes(StandardCharsets.UTF_8));
            }
            case NUMBER_OUT_OF_RANGE: {
                String json = bytesAsText(lead);
                String[] numbers = {"1e400", "-1e400", "99999999999999999999999999999999", "123456789012345678901234567890.5",
                    "-0", "1e-400"};
                String number = numbers[random.nextInt(numbers.length)];
                String field = random.nextBoolean() ? "id" : randomField(lead);
                return new Input(kind, (json.substring(0, json.length() - 1) + ",\"" + field + "x\":" + number
                        + (random.nextBoolean() ? ",\"lead_type\":" + number : "") + "}").getBytes(StandardCharsets.UTF_8));
            }
            case DROPPED_FIELDS:
                for (String field : new String[] {"external_id", "id", "email", "phone", "phone_number", "data"}) {
                    if (random.nextBoolean()) {
                        lead.remove(field);
                    }
                }
                return new Input(kind, bytes(lead));
            case RANDOM_BYTES: {
                byte[] noise = new byte[random.nextInt(2_000)];
                random.nextBytes(noise);
                return new Input(kind, noise);
            }
            default:
                throw new IllegalArgumentException(kind.name());
        }
    }

    private ObjectNode seed() {
        return seeds.get(random.nextInt(seeds.size())).deepCopy();
    }

    private String randomField(ObjectNode lead) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = lead.fieldNames();
        it.forEachRemaining(names::add);
        return names.get(random.nextInt(names.size()));
    }

    private JsonNode randomValueOfAnyType() {
        switch (random.nextInt(6)) {
            case 0:
                return MAPPER.createObjectNode().put("nested", random.nextInt());
            case 1:
                return MAPPER.createArrayNode().add(1).add("two");
            case 2:
                return MAPPER.getNodeFactory().numberNode(random.nextDouble() * 1e12);
            case 3:
                return MAPPER.getNodeFactory().booleanNode(random.nextBoolean());
            case 4:
                return MAPPER.getNodeFactory().nullNode();
            default:
                return MAPPER.getNodeFactory().numberNode(random.nextLong());
        }
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String bytesAsText(JsonNode node) {
        return node.toString();
    }
}
