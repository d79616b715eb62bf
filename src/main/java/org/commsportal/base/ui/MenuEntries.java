package org.commsportal.base.ui;

import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The pages the signed-in roles may open, as the menu lists them. Vaadin decides them by checking every route's access
 * annotation against the request, looking services up on the class path as it goes: about 7 % of the portal's CPU
 * under load when every page open did it (docs/load-test.md). Views are open by role alone (their {@code @RolesAllowed} and
 * {@code @PermitAll}), so the answer is kept per set of granted authorities.
 */
public final class MenuEntries {

    /** Role sets seen are few (one per combination of roles in use); past this many, the menu is computed each time. */
    private static final int MAX_ROLE_SETS = 256;

    private static final Map<Set<String>, List<MenuEntry>> BY_AUTHORITIES = new ConcurrentHashMap<>();

    private MenuEntries() {}

    /** The menu entries the signed-in viewer's roles open, in menu order. */
    public static List<MenuEntry> forCurrentViewer() {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn == null || !signedIn.isAuthenticated() || signedIn instanceof AnonymousAuthenticationToken) {
            return MenuConfiguration.getMenuEntries();
        }
        Set<String> authorities = signedIn.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toUnmodifiableSet());
        List<MenuEntry> known = BY_AUTHORITIES.get(authorities);
        if (known != null) {
            return known;
        }
        List<MenuEntry> entries = List.copyOf(MenuConfiguration.getMenuEntries());
        if (BY_AUTHORITIES.size() < MAX_ROLE_SETS) {
            BY_AUTHORITIES.putIfAbsent(authorities, entries);
        }
        return entries;
    }
}
