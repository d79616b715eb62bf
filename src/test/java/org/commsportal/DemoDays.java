package org.commsportal;

import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The days of the demo data that tests read figures from. */
public final class DemoDays {

    private DemoDays() {}

    /** The UTC day of the demo tenant contoso.example's last session. */
    public static LocalDate lastDay(JdbcClient jdbc) {
        return jdbc.sql("""
                        SELECT DATE(MAX(start_time)) FROM comm_session s JOIN tenant t ON t.id = s.tenant_id
                        AND t.name = 'contoso.example'
                        """).query(LocalDate.class).single();
    }
}
