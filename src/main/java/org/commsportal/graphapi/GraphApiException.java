package org.commsportal.graphapi;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, answered as {@code {"error":{"code":...,"message":...}}} with the status (and
 * {@code Retry-After} when trying again later helps).
 */
class GraphApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final @Nullable Integer retryAfterSeconds;

    GraphApiException(HttpStatus status, String code, String message) {
        this(status, code, message, null);
    }

    GraphApiException(HttpStatus status, String code, String message, @Nullable Integer retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static GraphApiException badRequest(String message) {
        return new GraphApiException(HttpStatus.BAD_REQUEST, "BadRequest", message);
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }

    @Nullable
    Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
