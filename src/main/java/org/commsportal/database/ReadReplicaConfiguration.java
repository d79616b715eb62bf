package org.commsportal.database;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * With {@code portal.read-datasource.url} set, read-only transactions ({@code @Transactional(readOnly = true)}: the
 * report, export and API reads) run on the replica and everything else on the primary. Spring's
 * {@link LazyConnectionDataSourceProxy} makes the choice: it hands out a connection handle, learns whether the
 * transaction manager marked it read-only, and only then borrows a real connection from one of the two pools. So no
 * service changes, and a write can never reach the replica. Both pools are beans of their own, so health and pool
 * metrics cover each.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ReadReplicaCondition.class)
@EnableConfigurationProperties(ReadDataSourceProperties.class)
class ReadReplicaConfiguration {

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource primaryDataSource(DataSourceProperties primary) {
        HikariDataSource dataSource = primary.initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
        dataSource.setPoolName("primary");
        return dataSource;
    }

    @Bean
    @ConfigurationProperties("portal.read-datasource.hikari")
    HikariDataSource readDataSource(ReadDataSourceProperties replica, DataSourceProperties primary) {
        HikariDataSource dataSource = DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(Objects.requireNonNull(replica.url()))
                .username(replica.username() != null ? replica.username() : primary.determineUsername())
                .password(replica.password() != null ? replica.password() : primary.determinePassword())
                .build();
        dataSource.setPoolName("read-replica");
        dataSource.setReadOnly(true);
        return dataSource;
    }

    @Bean
    @Primary
    DataSource dataSource(
            @Qualifier("primaryDataSource") DataSource primary, @Qualifier("readDataSource") DataSource replica) {
        var routing = new LazyConnectionDataSourceProxy(primary);
        routing.setReadOnlyDataSource(replica);
        return routing;
    }
}
