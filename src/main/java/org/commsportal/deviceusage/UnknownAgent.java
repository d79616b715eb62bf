package org.commsportal.deviceusage;

/**
 * A client version that the platform table did not recognise (counted as Other), with the distinct licensed users
 * who used it in the period and the session parties it was seen in; an empty string stands for none given.
 */
public record UnknownAgent(String clientVersion, long users, long sessions) {}
