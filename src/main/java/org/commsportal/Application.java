package org.commsportal;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.theme.Theme;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
@Theme("portal")
public class Application implements AppShellConfigurator {

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
