package org.commsportal;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.theme.Theme;
import org.springframework.boot.SpringApplication;
import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@Theme("portal")
public class Application implements AppShellConfigurator {

    /** Reports read "now" from this clock, so tests can reason about report dates. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        try {
            SpringApplication.run(Application.class, args);
        } catch (RuntimeException startFailure) {
            // Spring Boot has already reported why. Exit, or the embedded database's watcher threads keep
            // a portal that failed to start alive.
            System.exit(1);
        }
    }
}
