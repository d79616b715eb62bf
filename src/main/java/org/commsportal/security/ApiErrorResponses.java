package org.commsportal.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 answers of the API chain, written directly: {@code sendError} would dispatch to {@code /error},
 * which the browser chain answers with a redirect to the login page.
 */
final class ApiErrorResponses {

    private ApiErrorResponses() {}

    static AuthenticationEntryPoint unauthenticated(String realm) {
        return (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
            String message = exception instanceof InsufficientAuthenticationException
                    ? "Authentication is required: send the credentials of a portal account or a personal API token."
                    : "Authentication failed: " + exception.getMessage();
            write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthenticated", message);
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, exception) -> write(
                response,
                HttpServletResponse.SC_FORBIDDEN,
                "forbidden",
                "Your account's roles do not allow this request.");
    }

    private static void write(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + jsonText(message) + "\"}}");
    }

    private static String jsonText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
