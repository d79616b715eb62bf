package org.commsportal.sessiondetails;

/** A type-ahead result: the licensed user's id and the label the viewer may see (a pseudonym when concealed). */
public record UserChoice(long userId, String label) {}
