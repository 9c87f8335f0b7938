package io.leadquality.sela;

import io.leadquality.model.SelaLead;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SelaResponseParserTest {

    @Test
    void docsRetrieveExampleParsesWithItsMalformedNextCallTimeAsNull() throws Exception {
        List<SelaLead> leads = SelaResponseParser.leads(Files.readAllBytes(Path.of("src/test/resources/api-examples/sela-retrieve-lead.json")));
        assertThat(leads).hasSize(1);
        SelaLead lead = leads.get(0);
        assertThat(lead.id).isEqualTo(28013L);
        assertThat(lead.externalId).isEqualTo("id_in_your_crm_123");
        assertThat(lead.status).isEqualTo("OPEN");
        assertThat(lead.statusReason).isNull();
        assertThat(lead.leadType).isEqualTo("123");
        assertThat(lead.callDnc).isFalse();
        assertThat(lead.smsDnc).isFalse();
        assertThat(lead.modifiedMicros).isEqualTo(1740784143139554L);
        assertThat(lead.nextCallMicros).isNull(); // "025-02-28T15:09:03..."
        assertThat(lead.json).contains("\"representative\":456");
    }

    @Test
    void docsListExampleWithPagesNestedInResultsIsFlattened() throws Exception {
        List<SelaLead> leads = SelaResponseParser.leads(Files.readAllBytes(Path.of("src/test/resources/api-examples/sela-list-leads.json")));
        assertThat(leads).extracting(l -> l.id).containsExactly(28013L);
        assertThat(leads.get(0).email).isEqualTo("[email protected]"); // the docs' obfuscated address, kept as sent
    }

    @Test
    void schemaShapedPagesAndEmptyPages() throws Exception {
        List<SelaLead> leads = SelaResponseParser.leads(bytes("{\"count\":2,\"next\":null,\"previous\":null,\"results\":["
                + "{\"id\":1,\"modified_time\":\"2025-01-01T00:00:00Z\",\"status_detail\":\"\",\"unknown\":{\"x\":1}},"
                + "{\"id\":2,\"modified_time\":\"2025-02-01T00:00:00Z\",\"call_dnc\":\"true\"}]}"));
        assertThat(leads).hasSize(2);
        assertThat(leads.get(0).statusDetail).isNull(); // Sela's BlankEnum
        assertThat(SelaResponseParser.mostRecent(leads).id).isEqualTo(2L);
        assertThat(SelaResponseParser.mostRecent(leads).callDnc).isTrue();
        assertThat(SelaResponseParser.leads(bytes("{\"count\":0,\"results\":[]}"))).isEmpty();
    }

    @Test
    void mostRecentPutsLeadsWithoutATimeLast() throws Exception {
        List<SelaLead> leads = SelaResponseParser.leads(bytes("{\"results\":[{\"id\":5,\"modified_time\":\"garbage\"},"
                + "{\"id\":3,\"modified_time\":\"2020-01-01T00:00:00Z\"}]}"));
        assertThat(SelaResponseParser.mostRecent(leads).id).isEqualTo(3L);
    }

    @Test
    void whatIsNeitherALeadNorAPageIsAnError() {
        assertThatThrownBy(() -> SelaResponseParser.leads(bytes("[1]"))).hasMessageContaining("not an object");
        assertThatThrownBy(() -> SelaResponseParser.leads(bytes("{\"detail\":\"x\"}"))).hasMessageContaining("neither");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
