package org.commsportal.base.ui;

import com.vaadin.flow.di.Lookup;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinContext;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinServletContext;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Remembers which services Vaadin's look-up did not find. For every argument of every call from the browser (a grid
 * asking for rows, a field sending its value) Vaadin looks for a handler of a template kind the portal does not use,
 * and for every access check for a role-prefix holder it has no bean for; each miss read the service files of every
 * jar on the class path under the jar's lock. Under load that was about 5 % of the portal's CPU and seconds of
 * threads waiting on those locks (docs/load-test.md). The set of services is fixed once the application has started,
 * so a miss stays a miss; found services are looked up as before.
 */
@Component
class RememberedServiceLookup implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        VaadinContext context = event.getSource().getContext();
        Lookup lookup = context.getAttribute(Lookup.class);
        if (lookup != null
                && !(lookup instanceof MissesRemembered)
                && context instanceof VaadinServletContext servletContext) {
            // Vaadin's context refuses a second look-up (a guard against two initialisers); this one answers as the
            // original does, so it takes the original's place in the servlet context's attribute of that name
            servletContext.getContext().setAttribute(Lookup.class.getName(), new MissesRemembered(lookup));
        }
    }

    /** The application's look-up, answering "none" at once for services it found none of before. */
    static final class MissesRemembered implements Lookup {

        private final Lookup lookup;
        private final Map<Class<?>, Boolean> missing = new ConcurrentHashMap<>();
        private final Map<Class<?>, Boolean> noneOfAll = new ConcurrentHashMap<>();

        MissesRemembered(Lookup lookup) {
            this.lookup = lookup;
        }

        @Override
        public <T> @Nullable T lookup(Class<T> serviceClass) {
            if (missing.containsKey(serviceClass)) {
                return null;
            }
            T found = lookup.lookup(serviceClass);
            if (found == null) {
                missing.put(serviceClass, Boolean.TRUE);
            }
            return found;
        }

        @Override
        public <T> Collection<T> lookupAll(Class<T> serviceClass) {
            if (noneOfAll.containsKey(serviceClass)) {
                return List.of();
            }
            Collection<T> found = lookup.lookupAll(serviceClass);
            if (found == null || found.isEmpty()) {
                noneOfAll.put(serviceClass, Boolean.TRUE);
                return List.of();
            }
            return found;
        }
    }
}
