package org.commsportal.common;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A load that goes on in the background after the portal has started serving (the demo data of a first start,
 * docs/configuration.md, "Demo data"), so that every page can say what is still arriving and how far it has got.
 */
@Component
public class StartupLoad {

    private volatile @Nullable String what;
    private final AtomicInteger percent = new AtomicInteger();

    /** A load of {@code what} (e.g. "Demo data") has begun. */
    public void begin(String what) {
        percent.set(0);
        this.what = what;
    }

    /** How far the load has got, 0 to 100. */
    public void progress(int percent) {
        this.percent.set(Math.max(0, Math.min(100, percent)));
    }

    /** The load is over; pages stop saying so. */
    public void end() {
        what = null;
    }

    /** What pages show while the load runs, e.g. "Demo data loading, 42 %", or nothing. */
    public Optional<String> notice() {
        String loading = what;
        return loading == null ? Optional.empty() : Optional.of(loading + " loading, " + percent.get() + " %");
    }
}
