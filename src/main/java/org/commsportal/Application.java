package org.commsportal;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.theme.Theme;
import java.util.List;
import java.util.Map;
import org.commsportal.ingest.IngestCommands;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
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
        if (args.length > 0 && IngestCommands.NAMES.contains(args[0])) {
            System.exit(runCommand(args));
        }
        try {
            SpringApplication.run(Application.class, args);
        } catch (RuntimeException startFailure) {
            // Spring Boot has already reported why. Exit, or the embedded database's watcher threads keep
            // a portal that failed to start alive.
            System.exit(1);
        }
    }

    /**
     * {@code java -jar portal.jar import ...} or {@code verify-rollups}: the portal's services without listening on
     * any port (a web application context, since the security configuration needs one, but no server), quiet
     * logs, the command's own output on stdout.
     */
    static int runCommand(String[] args) {
        var application = new SpringApplication(Application.class);
        application.setDefaultProperties(Map.of("spring.main.banner-mode", "off", "logging.level.root", "WARN",
                "portal.demo.enabled", "false", "server.port", "-1", "management.server.port", "-1",
                "portal.retention.enabled", "false", "portal.active-users.build-on-start", "false"));
        try (ConfigurableApplicationContext context = application.run(args)) {
            return context.getBean(IngestCommands.class).execute(List.of(args), System.out);
        } catch (RuntimeException startFailure) {
            System.out.println("The portal could not start: " + startFailure.getMessage());
            return 1;
        }
    }
}
