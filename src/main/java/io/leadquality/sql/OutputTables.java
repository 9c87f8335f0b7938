package io.leadquality.sql;

import io.leadquality.config.JobConfig;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job's output topics as Flink SQL tables ({@code conf/sql/tables.sql}), read as they are now
 * ({@code conf/sql/snapshot.sql}: batch mode, each topic to its current end, UTC), to run the
 * example queries of {@code conf/sql/queries/} or any other on.
 */
public final class OutputTables {
    /** The SQL client's SET, which TableEnvironment.executeSql does not take; comments before it allowed. */
    private static final Pattern SET = Pattern.compile(
            "(?s)(?:\\s*--[^\\n]*\\n|\\s*/\\*.*?\\*/)*\\s*SET\\s+'((?:[^']|'')+)'\\s*=\\s*'((?:[^']|'')*)'\\s*",
            Pattern.CASE_INSENSITIVE);
    private final TableEnvironment tables;

    private OutputTables(TableEnvironment tables) {
        this.tables = tables;
    }

    /** A batch table environment, on the Flink of this process, with the tables declared for {@code config}. */
    public static OutputTables snapshot(JobConfig config, Path dir) {
        TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        OutputTables output = new OutputTables(tables);
        output.run(initScript(config, dir));
        return output;
    }

    /** tables.sql and snapshot.sql with the job's settings filled in: what the Flink SQL client takes with {@code -i}. */
    public static String initScript(JobConfig config, Path dir) {
        return SqlScript.render(read(dir.resolve("tables.sql")), SqlScript.placeholders(config))
                + "\n-- conf/sql/snapshot.sql (leave out from here on for continuous queries):\n"
                + read(dir.resolve("snapshot.sql"));
    }

    /** The script of an example query by name ({@code status-funnel}), or of a .sql file. */
    public static String query(Path dir, String nameOrFile) {
        Path file = nameOrFile.endsWith(".sql") ? Path.of(nameOrFile) : dir.resolve("queries").resolve(nameOrFile + ".sql");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(nameOrFile.endsWith(".sql") ? "no file " + file
                    : "no query " + nameOrFile + " in " + dir.resolve("queries") + "; there are " + exampleQueries(dir));
        }
        return read(file);
    }

    /** The example queries' names, in order. */
    public static List<String> exampleQueries(Path dir) {
        try (var files = Files.list(dir.resolve("queries"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sql"))
                    .map(n -> n.substring(0, n.length() - ".sql".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs every statement of {@code script}, {@code SET 'key' = 'value'} as the SQL client does; the result of the last other one. */
    public TableResult run(String script) {
        TableResult last = null;
        for (String statement : SqlScript.statements(script)) {
            Matcher set = SET.matcher(statement);
            if (set.matches()) {
                tables.getConfig().set(set.group(1).replace("''", "'"), set.group(2).replace("''", "'"));
            } else {
                last = tables.executeSql(statement);
            }
        }
        if (last == null) {
            throw new IllegalArgumentException("the script holds no statement but SET");
        }
        return last;
    }

    /** The rows the last statement of {@code script} answers. */
    public List<Row> rows(String script) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> answer = run(script).collect()) {
            answer.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
