package org.commsportal.demo;

/**
 * The demo tenants' building file (docs/locations.md) over the demo streams' subnets 10.20.0.0 to 10.20.63.0 (see
 * {@link QualityGenerator}): a campus supernet with buildings and a floor inside it, a second city whose third floor is
 * the subnet with the faulty switch, and 10.20.48.0 to 10.20.63.0 left out so that the missing subnets show.
 */
final class DemoBuildingFile {

    static final String TEXT = """
            NetworkIP,NetworkName,NetworkRange,BuildingName,OwnershipType,BuildingType,BuildingOfficeType,City,ZipCode,Country,State,Region,InsideCorp,ExpressRoute,VPN
            10.20.0.0,Seattle campus,19,Seattle campus,Contoso,Office,,Seattle,98101,US,WA,North America,1,0,0
            10.20.1.0,Building A,24,Building A,Contoso,Office,Engineering,Seattle,98101,US,WA,North America,1,0,0
            10.20.2.0,Building B,23,Building B,Contoso,Office,Sales,Seattle,98101,US,WA,North America,1,0,0
            10.20.8.0,Redmond B40,21,Redmond B40,Contoso,Office,Engineering,Redmond,98052,US,WA,North America,1,1,0
            10.20.32.0,London office,20,London office,Contoso,Office,,London,EC2A 4NE,GB,,Europe,1,0,0
            10.20.37.0,London 3rd floor,24,London office 3rd floor,Contoso,Office,Support,London,EC2A 4NE,GB,,Europe,1,0,0
            10.20.40.0,Berlin office,21,Berlin office,Contoso,Office,Sales,Berlin,10115,DE,BE,Europe,1,0,0
            """;

    private DemoBuildingFile() {}
}
