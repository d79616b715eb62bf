package org.commsportal.export;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one template that exports read with: a fetch size, so that MariaDB's driver streams the rows of a large
 * result instead of reading them all into memory. For reads only; everything else uses the portal's JdbcClient.
 */
@Component
public class StreamingJdbc {

    private final NamedParameterJdbcTemplate template;

    StreamingJdbc(DataSource dataSource) {
        var jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(1_000);
        this.template = new NamedParameterJdbcTemplate(jdbc);
    }

    public NamedParameterJdbcTemplate template() {
        return template;
    }
}
