package org.commsportal.security;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat's own error answers, for requests that never reach the portal (a request line or headers that cannot be
 * read, headers over the size limit, TRACE), in the APIs' JSON form instead of Tomcat's HTML page.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, @Nullable Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String code;
        String message;
        switch (status) {
            case 400 -> {
                code = "badRequest";
                message = "The request could not be read: a malformed request line or headers, or headers larger "
                        + "than the server accepts (8 KB).";
            }
            case 405 -> {
                code = "methodNotAllowed";
                message = "This method is not supported; use GET or POST.";
            }
            case 413 -> {
                code = "payloadTooLarge";
                message = "The request is larger than the server accepts.";
            }
            default -> {
                code = "error";
                message = "The request failed with status " + status + ".";
            }
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response already started: nothing more to say
        }
    }
}
