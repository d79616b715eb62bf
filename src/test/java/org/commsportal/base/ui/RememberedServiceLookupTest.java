package org.commsportal.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.di.Lookup;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Vaadin's service look-up with its misses remembered: the answers stay the original's, only misses are not asked again. */
class RememberedServiceLookupTest {

    /** A look-up over a fixed map of services that counts what it is asked. */
    private static final class CountingLookup implements Lookup {
        final Map<Class<?>, Object> services;
        final List<Class<?>> asked = new ArrayList<>();

        CountingLookup(Map<Class<?>, Object> services) {
            this.services = services;
        }

        @Override
        public <T> @Nullable T lookup(Class<T> serviceClass) {
            asked.add(serviceClass);
            return serviceClass.cast(services.get(serviceClass));
        }

        @Override
        public <T> Collection<T> lookupAll(Class<T> serviceClass) {
            asked.add(serviceClass);
            T found = serviceClass.cast(services.get(serviceClass));
            return found == null ? List.of() : List.of(found);
        }
    }

    @Test
    void a_service_found_is_looked_up_each_time_and_a_missing_one_only_once() {
        var original = new CountingLookup(Map.of(CharSequence.class, "found"));
        var remembered = new RememberedServiceLookup.MissesRemembered(original);

        for (int i = 0; i < 3; i++) {
            assertThat(remembered.lookup(CharSequence.class)).isEqualTo("found");
            assertThat(remembered.lookup(Runnable.class)).isNull();
            assertThat(remembered.lookupAll(CharSequence.class)).containsExactly("found");
            assertThat(remembered.lookupAll(Runnable.class)).isEmpty();
        }

        assertThat(original.asked.stream().filter(CharSequence.class::equals)).hasSize(6);
        assertThat(original.asked.stream().filter(Runnable.class::equals)).hasSize(2);
    }
}
