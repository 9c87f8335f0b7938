package io.leadquality.webhooks;

import io.leadquality.config.ConfigException;
import io.leadquality.config.JobConfig;
import io.leadquality.sela.Secrets;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code jobs/sela-webhooks [--key value ...]}: the receiver on its own, with the job's config file. */
public final class WebhookReceiverMain {
    private WebhookReceiverMain() {}

    public static void main(String[] args) throws Exception {
        JobConfig config;
        String secret;
        try {
            config = JobConfig.fromArgs(args);
            secret = Secrets.read("webhooks.secret-file", config.webhooksSecretFile, "webhooks.secret-env",
                    config.webhooksSecretEnv, true);
            requireTopic(config);
        } catch (ConfigException e) {
            System.err.println("lead-quality: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        WebhookReceiver receiver = new WebhookReceiver(config, secret).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            receiver.close();
            stopped.countDown();
        }, "sela-webhooks-shutdown"));
        stopped.await();
    }

    /** One line at start-up rather than a 503 for every webhook. */
    private static void requireTopic(JobConfig config) throws InterruptedException {
        Properties properties = new Properties();
        properties.putAll(config.kafkaProperties);
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers);
        try (Admin admin = Admin.create(properties)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(config.topicSelaWebhooks)) {
                throw new ConfigException("kafka.topics.sela-webhooks", "no such topic on " + config.bootstrapServers + ": "
                        + config.topicSelaWebhooks);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new ConfigException("kafka.bootstrap-servers", "cannot list topics on " + config.bootstrapServers
                    + " within 30s: " + e.getClass().getSimpleName());
        }
    }
}
