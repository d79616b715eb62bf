package org.commsportal.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives a signed-in browser's page request the status of the page it will show: 404 for a path that is no page
 * of the portal, 403 for a page the signed-in roles do not open, so that the status matches the not-found and
 * access-denied pages Vaadin renders inside the layout. Vaadin itself answers every page's HTML with 200, because
 * it navigates only after the page has loaded (docs/pages.md).
 */
@org.springframework.stereotype.Component
class PageStatusFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        String accept = request.getHeader("Accept");
        return !"GET".equals(request.getMethod())
                || request.getUserPrincipal() == null
                || request.getParameter("v-r") != null
                || accept == null
                || !accept.contains("text/html")
                || path.startsWith("VAADIN/")
                || path.startsWith("api/")
                || path.startsWith("v1.0/")
                || path.startsWith("ecp/")
                || path.startsWith("actuator")
                || path.equals("login")
                || path.equals("error")
                || path.substring(path.lastIndexOf('/') + 1).contains(".");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int status = status(request);
        if (status == HttpServletResponse.SC_OK) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(status);
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void setStatus(int sc) {
                if (sc != HttpServletResponse.SC_OK) {
                    super.setStatus(sc);
                }
            }
        });
    }

    private static int status(HttpServletRequest request) {
        var registry = ApplicationRouteRegistry.getInstance(new VaadinServletContext(request.getServletContext()));
        Optional<Class<? extends Component>> target = registry.getNavigationTarget(path(request));
        if (target.isEmpty()) {
            return HttpServletResponse.SC_NOT_FOUND;
        }
        RolesAllowed allowed = target.get().getAnnotation(RolesAllowed.class);
        if (allowed != null && Arrays.stream(allowed.value()).noneMatch(request::isUserInRole)) {
            return HttpServletResponse.SC_FORBIDDEN;
        }
        return HttpServletResponse.SC_OK;
    }

    private static String path(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
