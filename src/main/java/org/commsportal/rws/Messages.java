package org.commsportal.rws;

/** Request text quoted in error messages: control characters made visible, very long values shortened. */
final class Messages {

    private static final int MAX_QUOTED = 120;

    private Messages() {}

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder();
        text.codePoints().limit(MAX_QUOTED).forEach(c -> {
            if (Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.SURROGATE
                    || c == 0xFFFE
                    || c == 0xFFFF) {
                quoted.append(String.format("\\u%04X", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        if (text.codePointCount(0, text.length()) > MAX_QUOTED) {
            quoted.append("...");
        }
        return quoted.toString();
    }
}
