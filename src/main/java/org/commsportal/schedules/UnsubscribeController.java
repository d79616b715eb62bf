package org.commsportal.schedules;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The unsubscribe link of every scheduled report's message (docs/scheduled-reports.md, "Unsubscribing"): it works
 * without signing in, as its signed token names the subscription. Opening the link asks for a click, so that a mail
 * scanner that follows links unsubscribes nobody; mail programs' one-click unsubscribe (RFC 8058) posts directly.
 */
@RestController
class UnsubscribeController {

    static final String PATH = "/schedules/unsubscribe";

    private final Unsubscribing unsubscribing;

    UnsubscribeController(Unsubscribing unsubscribing) {
        this.unsubscribing = unsubscribing;
    }

    @GetMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> confirm(@RequestParam(name = "token", defaultValue = "") String token) {
        return unsubscribing
                .describe(token)
                .map(what -> page(
                        200,
                        "Unsubscribe",
                        "<p>Stop receiving " + HtmlUtils.htmlEscape(what) + "?</p>"
                                + "<form method=\"post\" action=\"" + PATH + "?token="
                                + HtmlUtils.htmlEscape(
                                        java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8))
                                + "\"><button id=\"unsubscribe\" type=\"submit\">Unsubscribe</button></form>"))
                .orElseGet(UnsubscribeController::unknown);
    }

    @PostMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> unsubscribe(
            @RequestParam(name = "token", defaultValue = "") String token, HttpServletRequest request) {
        return unsubscribing
                .unsubscribe(token, request.getRemoteAddr())
                .map(what ->
                        page(200, "Unsubscribed", "<p>You no longer receive " + HtmlUtils.htmlEscape(what) + ".</p>"))
                .orElseGet(UnsubscribeController::unknown);
    }

    private static ResponseEntity<String> unknown() {
        return page(
                404, "Link not valid", "<p>This unsubscribe link is not valid, or you are unsubscribed already.</p>");
    }

    private static ResponseEntity<String> page(int status, String title, String body) {
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                        + " | Comms Usage Portal</title></head><body><h1>" + title + "</h1>" + body
                        + "</body></html>");
    }
}
