package io.leadquality.testkit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code CreateTopicsMain <bootstrap> <partitions> <topic>[:compact]...}: creates the topics that do
 * not exist yet (jobs/kafka-local); {@code :compact} makes one with cleanup.policy=compact.
 */
public final class CreateTopicsMain {
    private static final String COMPACT = ":compact";

    private CreateTopicsMain() {}

    public static void main(String[] args) throws Exception {
        int partitions = Integer.parseInt(args[1]);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            var missing = Arrays.stream(args, 2, args.length)
                    .filter(t -> !existing.contains(t.replace(COMPACT, "")))
                    .map(t -> t.endsWith(COMPACT)
                            ? new NewTopic(t.replace(COMPACT, ""), partitions, (short) 1).configs(Map.of("cleanup.policy", "compact"))
                            : new NewTopic(t, partitions, (short) 1)).toList();
            admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            missing.forEach(t -> System.out.println("created topic " + t.name()));
        }
    }
}
