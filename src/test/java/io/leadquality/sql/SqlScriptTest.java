package io.leadquality.sql;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlScriptTest {
    @Test
    void statementsEndAtSemicolonsOutsideQuotesAndComments() {
        String script = """
                -- a comment; not a statement
                SET 'a' = 'x;y';
                /* block; comment */ SELECT `odd;name`, 'it''s; fine', "q;q" FROM t -- trailing; comment
                ;
                SELECT 1
                """;
        assertThat(SqlScript.statements(script)).containsExactly(
                "-- a comment; not a statement\nSET 'a' = 'x;y'",
                "/* block; comment */ SELECT `odd;name`, 'it''s; fine', \"q;q\" FROM t -- trailing; comment",
                "SELECT 1");
    }

    @Test
    void onlyCommentsAndBlanksAreNoStatement() {
        assertThat(SqlScript.statements("-- nothing here;\n  ;\n/* nor; here */\n")).isEmpty();
    }

    @Test
    void anUnclosedQuoteIsAnError() {
        assertThatThrownBy(() -> SqlScript.statements("SELECT 'open; FROM t"))
                .hasMessage("a quote (') opened at character 7 is never closed");
    }

    @Test
    void placeholdersAreFilledAndAnUnknownOneIsNamed() {
        assertThat(SqlScript.render("'${a.b}' and ${c}", Map.of("a.b", "x", "c", "$1")))
                .isEqualTo("'x' and $1");
        assertThatThrownBy(() -> SqlScript.render("${kafka.topic.enriched}", Map.of("kafka.topics.enriched", "e")))
                .hasMessage("unknown placeholder ${kafka.topic.enriched}: known are [kafka.topics.enriched]");
    }
}
