package io.leadquality.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the newest complete checkpoint Flink retained under a checkpoint directory
 * ({@code <dir>/<job-id>/chk-<n>/_metadata}), so a local run can resume after a crash.
 */
public final class RetainedCheckpoints {
    private RetainedCheckpoints() {}

    public static Optional<Path> latest(Path checkpointsDir) {
        if (!Files.isDirectory(checkpointsDir)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(checkpointsDir)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(RetainedCheckpoints::completeCheckpoints)
                    .max(Comparator.comparing(RetainedCheckpoints::completedAt));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many folders under {@code base} other than {@code own} hold complete checkpoints, at any depth of two. */
    static long othersUnder(Path base, Path own) {
        if (!Files.isDirectory(base)) {
            return 0;
        }
        try (Stream<Path> folders = Files.list(base)) {
            return folders.filter(Files::isDirectory).filter(folder -> !folder.equals(own))
                    .filter(folder -> latest(folder).isPresent() || completeCheckpoints(folder).findAny().isPresent())
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> completeCheckpoints(Path jobDir) {
        try (Stream<Path> children = Files.list(jobDir)) {
            // Materialise before the directory stream closes.
            return children.filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static FileTime completedAt(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve("_metadata"));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
