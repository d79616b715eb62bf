package org.commsportal.operations;

import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The port the actuator's own web server listens on ({@code management.server.port}), learned when that server
 * starts. Requests are told apart by the socket they arrived on, which no forwarded header can change.
 */
@Component
class ManagementPort implements ApplicationListener<WebServerInitializedEvent> {

    /** The server namespace Spring Boot gives the management child context. */
    private static final String MANAGEMENT_NAMESPACE = "management";

    private final AtomicInteger port = new AtomicInteger(-1);

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (MANAGEMENT_NAMESPACE.equals(event.getApplicationContext().getServerNamespace())) {
            port.set(event.getWebServer().getPort());
        }
    }

    /** False until a separate management server runs, so actuator paths on the public port stay behind sign-in. */
    boolean received(HttpServletRequest request) {
        return request.getLocalPort() == port.get();
    }
}
