package org.commsportal;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.theme.Theme;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.commsportal.importing.ImportCommands;
import org.commsportal.ingest.IngestCommands;
import org.commsportal.security.TenantCommands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.MapPropertySource;

@SpringBootApplication
@Theme("portal")
public class Application implements AppShellConfigurator {

    /** Reports read "now" from this clock, so tests can reason about report dates. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        if (args.length > 0 && (IngestCommands.NAMES.contains(args[0]) || TenantCommands.NAME.equals(args[0]))) {
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
     * logs, the command's own output on stdout. The settings that keep ports closed and background work off come
     * first, before the application's own properties, the environment ({@code PORT}) and the arguments, so that
     * a command never starts the web server or the management port (docs/operations.md, "Commands").
     */
    static int runCommand(String[] args) {
        var application = new SpringApplication(Application.class);
        application.setDefaultProperties(Map.of("spring.main.banner-mode", "off", "logging.level.root", "WARN"));
        application.addInitializers(context -> context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "portal-command",
                        Map.of(
                                "server.port",
                                "-1",
                                "management.server.port",
                                "-1",
                                "portal.demo.enabled",
                                "false",
                                "portal.retention.enabled",
                                "false",
                                "portal.scheduling.enabled",
                                "false",
                                "portal.active-users.build-on-start",
                                "false"))));
        try (ConfigurableApplicationContext context = application.run(args)) {
            if (TenantCommands.NAME.equals(args[0])) {
                return context.getBean(TenantCommands.class).execute(List.of(args), System.in, System.out);
            }
            if (ImportCommands.handles(List.of(args))) {
                return context.getBean(ImportCommands.class).execute(List.of(args), System.out);
            }
            return context.getBean(IngestCommands.class).execute(List.of(args), System.out);
        } catch (RuntimeException startFailure) {
            System.out.println("The portal could not start: " + startFailure.getMessage());
            return 1;
        }
    }
}
