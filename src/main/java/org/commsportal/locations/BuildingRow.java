package org.commsportal.locations;

/** One row of a building file (docs/locations.md, "The building file"), at its line of the file. */
public record BuildingRow(
        int line,
        IpNetwork network,
        String networkName,
        String buildingName,
        String ownershipType,
        String buildingType,
        String buildingOfficeType,
        String city,
        String zipCode,
        String country,
        String state,
        String region,
        boolean insideCorp,
        boolean expressRoute,
        boolean vpn) {}
