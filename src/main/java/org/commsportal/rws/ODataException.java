package org.commsportal.rws;

import org.springframework.http.HttpStatus;

/** A request the service refuses, answered with the status and an OData v2 error body naming the problem. */
class ODataException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    ODataException(HttpStatus status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static ODataException badRequest(String message) {
        return new ODataException(HttpStatus.BAD_REQUEST, "BadRequest", message);
    }

    static ODataException notFound(String message) {
        return new ODataException(HttpStatus.NOT_FOUND, "ResourceNotFound", message);
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }
}
