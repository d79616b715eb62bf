--liquibase formatted sql
-- Issue 25: locations (docs/locations.md). A building file's rows (location_network) per upload (location_upload),
-- the activations of uploads with their validity days (location_activation), and each seen subnet mapped to the
-- longest matching network of each upload (location_subnet_map, line NULL when no row maps it). Reports join the
-- per-subnet-day rollups of call quality and reliability to the map of the upload that applies on each day.
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:032-location-upload
CREATE TABLE location_upload (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id       BIGINT        NOT NULL,
    uploaded_at     DATETIME(3)   NOT NULL,
    uploaded_by     VARCHAR(255)  NOT NULL,
    file_name       VARCHAR(255)  NOT NULL,
    row_count       INT           NOT NULL,
    subnets_total   INT           NOT NULL DEFAULT 0 COMMENT 'subnets to map when the background mapping started',
    subnets_mapped  INT           NOT NULL DEFAULT 0,
    mapped_at       DATETIME(3)   NULL COMMENT 'when every seen subnet had its map row; NULL while mapping',
    INDEX ix_location_upload_tenant (tenant_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:032-location-network
CREATE TABLE location_network (
    tenant_id            BIGINT        NOT NULL,
    upload_id            BIGINT        NOT NULL,
    line                 INT           NOT NULL,
    network              VARBINARY(16) NOT NULL COMMENT '4 bytes IPv4, 16 bytes IPv6',
    prefix               TINYINT       NOT NULL,
    network_ip           VARCHAR(45)   NOT NULL,
    network_name         VARCHAR(255)  NOT NULL,
    building_name        VARCHAR(255)  NOT NULL,
    ownership_type       VARCHAR(255)  NOT NULL,
    building_type        VARCHAR(255)  NOT NULL,
    building_office_type VARCHAR(255)  NOT NULL,
    city                 VARCHAR(255)  NOT NULL,
    zip_code             VARCHAR(64)   NOT NULL,
    country              VARCHAR(8)    NOT NULL,
    state                VARCHAR(255)  NOT NULL,
    region               VARCHAR(255)  NOT NULL,
    inside_corp          BOOLEAN       NOT NULL,
    express_route        BOOLEAN       NOT NULL,
    vpn                  BOOLEAN       NOT NULL,
    PRIMARY KEY (upload_id, line),
    UNIQUE KEY uq_location_network (upload_id, network, prefix)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:032-location-activation
CREATE TABLE location_activation (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id     BIGINT       NOT NULL,
    upload_id     BIGINT       NOT NULL,
    valid_from    DATE         NOT NULL,
    valid_to      DATE         NULL COMMENT 'inclusive; NULL open-ended',
    activated_at  DATETIME(3)  NOT NULL,
    activated_by  VARCHAR(255) NOT NULL,
    INDEX ix_location_activation_tenant (tenant_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:032-location-subnet-map
CREATE TABLE location_subnet_map (
    tenant_id  BIGINT       NOT NULL,
    upload_id  BIGINT       NOT NULL,
    subnet     VARCHAR(128) NOT NULL COMMENT 'as the streams store it',
    line       INT          NULL COMMENT 'the location_network row; NULL when no row maps the subnet',
    PRIMARY KEY (tenant_id, upload_id, subnet)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:032-location-state
-- One row per tenant: the lock that orders a new upload against writers that map new subnets.
CREATE TABLE location_state (
    tenant_id  BIGINT NOT NULL PRIMARY KEY
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
