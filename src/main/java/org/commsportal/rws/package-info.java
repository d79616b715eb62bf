/**
 * The reporting web service of docs/reporting-web-service.md: the vendor's CsActiveUser* reports as an OData v2 service
 * ({@code /ecp/reportingwebservice/reporting.svc}), with its service document, {@code $metadata}, Atom and verbose
 * JSON feeds, and {@code $select}, {@code $filter}, {@code $orderby}, {@code $top}, {@code $skip} and
 * {@code $format} evaluated in MariaDB with bound parameters only.
 */
@NullMarked
package org.commsportal.rws;

import org.jspecify.annotations.NullMarked;
