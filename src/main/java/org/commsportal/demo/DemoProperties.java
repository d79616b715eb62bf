package org.commsportal.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Size of the demo data loaded into an empty embedded database. */
@ConfigurationProperties("portal.demo")
public record DemoProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("20261121") long seed,
        @DefaultValue("2") int tenants,
        @DefaultValue("300") int users,
        @DefaultValue("200") int days,
        @DefaultValue("portal-demo-2026") String password,
        @DefaultValue("true") boolean inBackground) {}
