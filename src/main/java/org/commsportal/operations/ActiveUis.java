package org.commsportal.operations;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The gauge {@code portal.ui.active}: browser tabs with a live Vaadin UI on this node. A UI ends when its tab
 * closes or navigates away, when it misses its heartbeats, or with its session; Vaadin detaches it in each case.
 */
@Component
class ActiveUis implements VaadinServiceInitListener {

    private final AtomicInteger active = new AtomicInteger();

    ActiveUis(MeterRegistry registry) {
        Gauge.builder("portal.ui.active", active, AtomicInteger::get)
                .description("Vaadin UIs (browser tabs) open on this node")
                .register(registry);
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> {
            active.incrementAndGet();
            init.getUI().addDetachListener(detach -> active.decrementAndGet());
        });
    }
}
