package org.commsportal.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@PortalIntegrationTest
class SchemaIT {

    @Autowired
    JdbcClient jdbc;

    @Test
    void liquibase_created_every_table_of_the_data_model() {
        List<String> tables = jdbc.sql(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")
                .query(String.class)
                .list();
        assertThat(tables)
                .contains(
                        "tenant",
                        "licensed_user",
                        "media_type",
                        "comm_session",
                        "session_media",
                        "qoe_session",
                        "qoe_media_line",
                        "qoe_audio_stream",
                        "qoe_audio_client_event",
                        "qoe_audio_signal",
                        "qoe_app_sharing_stream",
                        "qoe_video_client_event",
                        "qoe_video_stream",
                        "qoe_traceroute",
                        "qoe_feedback",
                        "user_daily_rollup",
                        "tenant_daily_rollup",
                        "report_period",
                        "user_period_state",
                        "user_period_total",
                        "portal_account",
                        "portal_account_role",
                        "session_dialog",
                        "audit_event",
                        "DATABASECHANGELOG");
    }

    @Test
    void the_reports_access_paths_have_indexes() {
        assertThat(indexColumns("session_dialog", "PRIMARY")).isEqualTo("tenant_id,dialog_id");
        assertThat(indexColumns("comm_session", "ix_comm_session_dialog")).isEqualTo("tenant_id,dialog_id");
        assertThat(indexColumns("comm_session", "PRIMARY")).isEqualTo("id,start_time");
        for (String quality :
                List.of("qoe_media_line", "qoe_audio_stream", "qoe_app_sharing_stream", "qoe_video_stream")) {
            assertThat(indexColumns(quality, "ix_" + quality + "_session")).isEqualTo("session_id,session_start,side");
        }
        assertThat(indexColumns("comm_session", "ix_comm_session_tenant_start")).isEqualTo("tenant_id,start_time");
        assertThat(indexColumns("comm_session", "ix_comm_session_from_user"))
                .isEqualTo("tenant_id,from_user_id,start_time");
        assertThat(indexColumns("comm_session", "ix_comm_session_to_user"))
                .isEqualTo("tenant_id,to_user_id,start_time");
        assertThat(indexColumns("user_daily_rollup", "PRIMARY")).isEqualTo("tenant_id,day,user_id");
        assertThat(indexColumns("user_daily_rollup", "ix_user_daily_rollup_user"))
                .isEqualTo("tenant_id,user_id,day");
        assertThat(indexColumns("tenant_daily_rollup", "PRIMARY")).isEqualTo("tenant_id,day");
        assertThat(indexColumns("user_period_total", "PRIMARY")).isEqualTo("tenant_id,user_id,period_days");
        for (String column : List.of(
                "p2p_im",
                "p2p_audio",
                "p2p_video",
                "p2p_app_sharing",
                "p2p_file_transfer",
                "p2p_audio_ms",
                "p2p_video_ms",
                "last_activity")) {
            assertThat(indexColumns("user_period_total", "ix_user_period_total_" + column.replace("p2p_", "")))
                    .isEqualTo("tenant_id,period_days," + column);
        }
        assertThat(indexColumns("licensed_user", "ix_licensed_user_deleted")).isEqualTo("tenant_id,deleted");
        assertThat(indexColumns("licensed_user", "ix_licensed_user_deleted_at")).isEqualTo("tenant_id,deleted_at");
        assertThat(indexColumns("session_slot_figure", "ix_session_slot_figure_conference"))
                .isEqualTo("tenant_id,kind,conference_key,slot");
        assertThat(indexColumns("conference_start_figure", "PRIMARY")).isEqualTo("tenant_id,kind,slot");
        assertThat(indexColumns("conference_extent", "PRIMARY")).isEqualTo("tenant_id,kind,conference_key");
    }

    @Test
    void the_vendor_media_list_ids_are_loaded() {
        assertThat(jdbc.sql("SELECT CONCAT(id, '=', name) FROM media_type ORDER BY id")
                        .query(String.class)
                        .list())
                .containsExactly(
                        "1=IM",
                        "2=File Transfer",
                        "3=Remote Assistance",
                        "4=Application Sharing",
                        "5=Audio",
                        "6=Video",
                        "7=App Invite");
    }

    private String indexColumns(String table, String index) {
        return jdbc.sql("""
                SELECT GROUP_CONCAT(column_name ORDER BY seq_in_index) FROM information_schema.statistics
                WHERE table_schema = DATABASE() AND table_name = :table AND index_name = :index
                """)
                .param("table", table)
                .param("index", index)
                .query(String.class)
                .single();
    }
}
