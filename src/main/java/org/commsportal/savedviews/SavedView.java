package org.commsportal.savedviews;

import java.time.Instant;

/**
 * A saved view as the viewer may open it: the route and query parameters of its address (only the period for a
 * viewer who sees charts only), who saved it, whether it is shared and whether it is the viewer's own.
 */
public record SavedView(
        long id,
        String name,
        String route,
        String query,
        boolean shared,
        String savedBy,
        boolean mine,
        Instant savedAt) {

    /** The address, as a link within the portal. */
    public String address() {
        return query.isEmpty() ? route : route + "?" + query;
    }
}
