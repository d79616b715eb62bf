package org.commsportal.sessions;

/** The side of a session a quality record was measured on: the caller (From) or the callee (To). */
public enum Side {
    FROM,
    TO
}
