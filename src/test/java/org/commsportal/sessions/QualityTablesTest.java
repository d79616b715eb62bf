package org.commsportal.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QualityTablesTest {

    @Test
    void insert_statements_name_the_snake_case_columns_of_the_record() {
        assertThat(QualityTables.insertSql(Quality.TracerouteHop.class))
                .isEqualTo(
                        "INSERT INTO qoe_traceroute (session_id, session_start, tenant_id, side, hop, ip_address, rtt_ms)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?)");
    }

    @Test
    void a_media_type_is_stored_as_its_vendor_id() {
        var line = new Quality.MediaLine(
                Side.TO,
                Modality.VIDEO,
                "10.0.0.1",
                50000,
                "10.0.0.0",
                true,
                false,
                "wired",
                "cam",
                "speaker",
                "succeeded",
                null);
        Object[] parameters = QualityTables.parameters(7, java.time.Instant.parse("2026-11-02T10:15:30Z"), 3, line);
        assertThat(QualityTables.insertSql(Quality.MediaLine.class)).contains("media_type_id");
        assertThat(parameters).startsWith(7L, java.time.LocalDateTime.parse("2026-11-02T10:15:30"), 3L, "TO", 6);
    }
}
