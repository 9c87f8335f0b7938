package io.leadquality.sim;

import io.leadquality.config.ConfigException;
import io.leadquality.config.RawConfig;
import org.apache.flink.util.TimeUtils;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code jobs/sela-sim}: the simulator on its own.
 * Options: --port (8089), --leads FILE (JSON array of Sela leads), --token-env (SELA_API_TOKEN),
 * --latency (0ms), --error-rate, --429-rate, --retry-after (1s), --slow-rate, --slow (0ms), --reset-rate.
 */
public final class SelaSimulatorMain {
    private SelaSimulatorMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts;
        SimulatorFaults faults;
        String token;
        try {
            opts = RawConfig.parseArgs(args);
            String tokenEnv = opts.getOrDefault("token-env", "SELA_API_TOKEN");
            token = System.getenv(tokenEnv);
            if (token == null || token.isBlank()) {
                throw new ConfigException("token-env", "environment variable " + tokenEnv + " is not set");
            }
            faults = new SimulatorFaults(
                    millis(opts, "latency", "0ms"), rate(opts, "error-rate"), rate(opts, "429-rate"),
                    millis(opts, "retry-after", "1s") / 1000, rate(opts, "slow-rate"), millis(opts, "slow", "0ms"),
                    rate(opts, "reset-rate"), false);
        } catch (ConfigException e) {
            System.err.println("sela-sim: " + e.getMessage());
            System.exit(2);
            return;
        }
        SelaSimulator simulator = new SelaSimulator(Integer.parseInt(opts.getOrDefault("port", "8089")), token);
        simulator.setFaults(faults);
        if (opts.containsKey("leads")) {
            simulator.loadLeads(Path.of(opts.get("leads")));
        }
        simulator.start();
        System.out.println("Sela simulator on " + simulator.baseUrl() + " (" + faults + ")");
        System.out.println("Change a lead:  curl -X PUT " + simulator.baseUrl()
                + "/_admin/leads -d '{\"external_id\":\"crm-1\",\"call_dnc\":true}'");
        System.out.println("Set faults:     curl -X POST " + simulator.baseUrl()
                + "/_admin/faults -d '{\"latencyMillis\":20,\"errorRate\":0.05}'");
        System.out.println("Counters:       curl " + simulator.baseUrl() + "/_admin/stats");
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        Thread.currentThread().join();
    }

    private static long millis(Map<String, String> opts, String key, String fallback) {
        String value = opts.getOrDefault(key, fallback);
        try {
            return TimeUtils.parseDuration(value).toMillis();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "'" + value + "' is not a duration such as 20ms");
        }
    }

    private static double rate(Map<String, String> opts, String key) {
        String value = opts.getOrDefault(key, "0");
        try {
            double rate = Double.parseDouble(value);
            if (rate < 0 || rate > 1) {
                throw new ConfigException(key, "must be between 0 and 1, got " + value);
            }
            return rate;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "'" + value + "' is not a number");
        }
    }
}
