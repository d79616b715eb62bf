package org.commsportal.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.ServerSocket;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DatabaseUnreachableFailureAnalyzerTest {

    @Test
    void an_unreachable_external_database_is_reported_in_one_line_with_its_url() throws Exception {
        String url = "jdbc:mariadb://127.0.0.1:" + closedPort() + "/portal?connectTimeout=2000";
        Throwable failure = catchThrowable(() -> DriverManager.getConnection(url, "portal", "secret"));
        var analyzer = new DatabaseUnreachableFailureAnalyzer(
                new MockEnvironment().withProperty("spring.datasource.url", url));

        var analysis = analyzer.analyze(new IllegalStateException("context failed", failure));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .startsWith("Cannot connect to the database at " + url + ": ")
                .doesNotContain("\n");
    }

    @Test
    void failures_of_the_embedded_database_or_other_causes_are_left_to_spring_boot() {
        var embedded = new DatabaseUnreachableFailureAnalyzer(new MockEnvironment());
        assertThat(embedded.analyze(new java.sql.SQLNonTransientConnectionException("down", "08000")))
                .isNull();
        var external = new DatabaseUnreachableFailureAnalyzer(
                new MockEnvironment().withProperty("spring.datasource.url", "jdbc:mariadb://db/portal"));
        assertThat(external.analyze(new IllegalArgumentException("unrelated"))).isNull();
    }

    private static int closedPort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // free once closed: nothing listens there
        }
    }
}
