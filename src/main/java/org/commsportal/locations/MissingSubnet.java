package org.commsportal.locations;

/** A subnet seen in streams that no row of the applying building file maps, with its streams over the range. */
public record MissingSubnet(String subnet, long streams) {}
