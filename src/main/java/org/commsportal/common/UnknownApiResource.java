package org.commsportal.common;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers API paths that no endpoint serves with a JSON 404, instead of letting the browser UI's servlet answer
 * them with its HTML page. Real endpoints have more specific mappings and take precedence.
 */
@RestController
class UnknownApiResource {

    @RequestMapping({"/api/**", "/ecp/**", "/v1.0/**"})
    ResponseEntity<Map<String, Map<String, String>>> notFound(HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "error",
                        Map.of("code", "notFound", "message", "No API resource at " + request.getRequestURI())));
    }
}
