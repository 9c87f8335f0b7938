package io.leadquality.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the project's own commands ({@code jobs/...}) as a user would, from the project folder. */
public final class Commands {
    private Commands() {}

    /** What a command printed (stdout and stderr together) and how it ended. */
    public record Result(List<String> command, int exitCode, String output) {
        /** The first group of {@code regex} in the output, or an AssertionError showing the whole output. */
        public String find(String regex) {
            Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(output);
            if (!m.find()) {
                throw new AssertionError(command + " printed no match for " + regex + ":\n" + output);
            }
            return m.group(1);
        }

        public Result assertSucceeded() {
            if (exitCode != 0) {
                throw new AssertionError(command + " exited with " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    public static Result run(Duration timeout, Map<String, String> env, String... command) {
        try {
            Path log = Files.createTempFile("command", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(List.of(command) + " did not end within " + timeout + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Result(List.of(command), process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
