package org.commsportal.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the browser sent to the portal during one administrator's flow, step by step: only the requests the server
 * does work for (page documents, the sign-in form, Vaadin's {@code v-r=init} and {@code v-r=uidl} calls), with the
 * responses the browser got. Static resources (JavaScript bundle, styles, fonts) are left out: a returning browser
 * has them cached.
 */
record RecordedFlow(List<Step> steps) {

    /** The name of the step a replay does before the measured ones. */
    static final String SIGN_IN = "sign in";

    /** A step a person takes (a click, a choice) and every request it caused until Vaadin was idle again. */
    record Step(String name, List<Exchange> exchanges) {}

    enum Kind {
        /** A page load: the HTML document (no UI yet; the client asks for one with {@link #INIT}). */
        DOCUMENT,
        /** Spring Security's form sign-in. */
        SIGN_IN_FORM,
        /** {@code ?v-r=init}: a new UI for the page, with its id and security key. */
        INIT,
        /** {@code ?v-r=uidl&v-uiId=…}: one client-to-server message of a UI (events, property syncs, calls). */
        UIDL
    }

    /**
     * One request as the browser sent it: the path and query relative to the portal's root, the body of a POST, and
     * the response's status and body.
     */
    record Exchange(
            Kind kind,
            String method,
            String path,
            @Nullable String body,
            int status,
            @Nullable String responseBody) {}

    Step step(String name) {
        return steps.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No step " + name));
    }

    /** Every step after the sign-in, in order: the ones the load test measures. */
    List<Step> measuredSteps() {
        return steps.stream().filter(s -> !s.name().equals(SIGN_IN)).toList();
    }

    void save(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }
}
