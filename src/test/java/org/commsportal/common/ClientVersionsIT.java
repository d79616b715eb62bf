package org.commsportal.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The SQL twin of the client version table groups every agent as the table does, in MariaDB. */
@PortalIntegrationTest
class ClientVersionsIT {

    @Autowired
    JdbcClient jdbc;

    @Test
    void the_sql_twin_groups_every_example_and_edge_as_the_table_does() {
        List<String> agents = new ArrayList<>(ClientVersionsTest.EXAMPLES.keySet());
        agents.addAll(List.of(
                "OC/16.0",
                "oc/16.0 teams",
                "UCCAPI/",
                "SfBMac/ (no number)",
                "x OC/15.0.1 OC/16.0.2",
                "iPhoneLync/6 (iPhone)",
                "Teams/.5",
                "A".repeat(128)));
        for (String agent : agents) {
            String grouped = jdbc.sql("SELECT " + ClientVersions.sql(":agent") + " AS client_group")
                    .param("agent", agent)
                    .query(String.class)
                    .single();
            assertThat(grouped).as(agent).isEqualTo(ClientVersions.groupOf(agent));
        }
        String ofNull = jdbc.sql("SELECT " + ClientVersions.sql("NULL") + " AS client_group")
                .query(String.class)
                .single();
        assertThat(ofNull).isEmpty();
    }
}
