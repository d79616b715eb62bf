package org.commsportal.importing;

/** One thing wrong in an imported file: where, which field (the source's own name or the portal's), and why. */
record ImportProblem(SourceLocation where, String context, String field, String reason) {

    String describe() {
        return where + ": " + (context.isEmpty() ? "" : context + ", ") + (field.isEmpty() ? "record" : field) + ": "
                + reason;
    }
}
