package io.leadquality.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;

class RetainedCheckpointsTest {

    @Test
    void picksTheNewestCompleteCheckpointAcrossRunsByCompletionNotNumber(@TempDir Path dir) throws Exception {
        checkpoint(dir, "job-a", 7, 1_000); // a higher number, from an earlier run
        Path newer = checkpoint(dir, "job-b", 2, 2_000);
        Files.createDirectories(dir.resolve("job-b/chk-3")); // in progress: no _metadata yet
        Files.createDirectories(dir.resolve("job-b/shared"));
        assertThat(RetainedCheckpoints.latest(dir)).contains(newer);
    }

    @Test
    void countsTheOtherJobsCheckpointFoldersBesideItsOwn(@TempDir Path base) throws Exception {
        Path own = base.resolve("lead-quality-aaaaaa");
        checkpoint(own, "job-a", 1, 1_000);
        checkpoint(base.resolve("lead-quality-bbbbbb"), "job-b", 4, 2_000); // another Kafka cluster
        checkpoint(base, "job-c", 9, 3_000); // the layout before folders per identity
        Files.createDirectories(base.resolve("lead-quality-cccccc/job-d/chk-1")); // never completed
        assertThat(RetainedCheckpoints.othersUnder(base, own)).isEqualTo(2);
        assertThat(RetainedCheckpoints.latest(own)).contains(own.resolve("job-a/chk-1"));
    }

    @Test
    void nothingToResumeFrom(@TempDir Path dir) throws Exception {
        assertThat(RetainedCheckpoints.latest(dir.resolve("missing"))).isEmpty();
        Files.createDirectories(dir.resolve("job-a/chk-1"));
        assertThat(RetainedCheckpoints.latest(dir)).isEmpty();
    }

    private static Path checkpoint(Path dir, String job, int n, long mtime) throws Exception {
        Path chk = Files.createDirectories(dir.resolve(job).resolve("chk-" + n));
        Path metadata = Files.writeString(chk.resolve("_metadata"), "x");
        Files.setLastModifiedTime(metadata, FileTime.fromMillis(mtime));
        return chk;
    }
}
