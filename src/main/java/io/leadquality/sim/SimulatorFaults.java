package io.leadquality.sim;

/**
 * How badly the simulator behaves. Rates are fractions of requests (0..1); {@code slowMillis}
 * applies to the {@code slowRate} share, on top of {@code latencyMillis}.
 */
public record SimulatorFaults(
        long latencyMillis,
        double errorRate,
        double tooManyRequestsRate,
        long retryAfterSeconds,
        double slowRate,
        long slowMillis,
        double resetRate,
        boolean down) {

    public static final SimulatorFaults NONE = new SimulatorFaults(0, 0, 0, 1, 0, 0, 0, false);

    public SimulatorFaults withLatency(long millis) {
        return new SimulatorFaults(millis, errorRate, tooManyRequestsRate, retryAfterSeconds, slowRate, slowMillis,
                resetRate, down);
    }

    public SimulatorFaults withDown(boolean isDown) {
        return new SimulatorFaults(latencyMillis, errorRate, tooManyRequestsRate, retryAfterSeconds, slowRate,
                slowMillis, resetRate, isDown);
    }
}
