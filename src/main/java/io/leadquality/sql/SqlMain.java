package io.leadquality.sql;

import io.leadquality.config.ConfigException;
import io.leadquality.config.JobConfig;
import org.apache.flink.table.api.SqlParserException;
import org.apache.flink.table.api.ValidationException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jobs/sql}: Flink SQL over the job's output topics, in an embedded Flink, on the brokers and
 * topics of the job's config. Runs the named example queries of {@code conf/sql/queries/} (all of
 * them when none is named), a .sql file, or {@code -e 'SELECT ...'}, and prints each answer as a table.
 */
public final class SqlMain {
    private static final String USAGE = "usage: jobs/sql [QUERY|FILE.sql ...] [-e 'SELECT ...'] [--print-init] "
            + "[--config FILE] [--key value ...]\n"
            + "  QUERY: a name in conf/sql/queries/ (all of them when none is given)\n"
            + "  --print-init: print the tables' DDL with this config filled in, for the Flink SQL client's -i";
    private static final Path SQL_DIR = Path.of("conf", "sql");

    private SqlMain() {}

    public static void main(String[] args) throws Exception {
        List<String> queries = new ArrayList<>();
        List<String> inline = new ArrayList<>();
        List<String> configArgs = new ArrayList<>();
        boolean printInit = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--print-init")) {
                printInit = true;
            } else if (arg.equals("-e") && i + 1 < args.length) {
                inline.add(args[++i]);
            } else if (arg.equals("-h") || arg.equals("--help")) {
                System.out.println(USAGE);
                return;
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                configArgs.add(arg);
                configArgs.add(args[++i]);
            } else if (arg.startsWith("-")) {
                System.err.println(USAGE);
                System.exit(2);
            } else {
                queries.add(arg);
            }
        }
        JobConfig config;
        try {
            config = JobConfig.fromArgs(configArgs.toArray(String[]::new));
        } catch (ConfigException e) {
            System.err.println("lead-quality: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (printInit) {
            System.out.print(OutputTables.initScript(config, SQL_DIR));
            return;
        }
        try {
            OutputTables tables = OutputTables.snapshot(config, SQL_DIR);
            if (queries.isEmpty() && inline.isEmpty()) {
                queries.addAll(OutputTables.exampleQueries(SQL_DIR));
            }
            for (String query : queries) {
                String script = OutputTables.query(SQL_DIR, query);
                System.out.println("\n== " + query + " ==");
                tables.run(script).print();
            }
            for (String query : inline) {
                tables.run(query).print();
            }
        } catch (IllegalArgumentException | ValidationException | SqlParserException e) {
            // a query that does not parse or names an unknown column: Flink's sentence, not its stack
            System.err.println("jobs/sql: " + e.getMessage());
            System.exit(1);
        }
    }
}
