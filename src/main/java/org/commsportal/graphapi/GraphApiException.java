package org.commsportal.graphapi;

import org.springframework.http.HttpStatus;

/** A request the API refuses, answered as {@code {"error":{"code":...,"message":...}}} with the status. */
class GraphApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    GraphApiException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
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
}
