package org.commsportal.sessiondetails.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.provider.hierarchy.HierarchicalQuery;
import com.vaadin.flow.function.SerializablePredicate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.security.Role;
import org.commsportal.sessiondetails.DrillThrough;
import org.commsportal.sessiondetails.SessionColumn;
import org.commsportal.sessiondetails.SessionDetailsService;
import org.commsportal.sessiondetails.SessionSearch;
import org.commsportal.tenant.TenantService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The session table over the demo data with the test profile's sort and group limit of 1,000 sessions
 * (docs/session-details.md, "Sorting and grouping many sessions"): what the browser asks is what the server does.
 */
@PortalIntegrationTest
class SessionTreeIT {

    @Autowired
    SessionDetailsService service;

    @Autowired
    TenantService tenants;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        TestTenants.signOut();
    }

    @Test
    void over_the_limit_a_sort_the_browser_sends_by_another_column_and_the_grouping_are_ignored() {
        testTenants.signInAs(tenants.findByName("contoso.example").orElseThrow(), Role.GLOBAL_ADMIN);
        LocalDate lastDay = org.commsportal.DemoDays.lastDay(jdbc);
        SessionSearch many = search(lastDay.minusDays(29), lastDay);
        SessionSearch few = search(lastDay, lastDay);
        long manyCount = service.countSessions(many, List.of());
        assertThat(manyCount).isGreaterThan(service.sortAndGroupLimit());
        assertThat(service.countSessions(few, List.of())).isBetween(2L, (long) service.sortAndGroupLimit());

        var tree = new SessionTree(service, ZoneOffset.UTC);
        tree.setGrouping(List.of(SessionColumn.MEDIA_TYPES));
        tree.show(many);
        assertThat(tree.sortsAndGroups()).isFalse();
        assertThat(tree.getColumnByKey(SessionColumn.FROM_URI.name()).isSortable())
                .isFalse();
        assertThat(tree.getColumnByKey(SessionColumn.START_TIME.name()).isSortable())
                .isTrue();
        assertThat(tree.getColumnByKey(SessionTree.GROUP_COLUMN).isVisible()).isFalse();
        // the grouping waits: the root's children are sessions, all of them; a sort by From is read in start order
        assertThat(tree.getDataProvider().getChildCount(query(List.of()))).isEqualTo(manyCount);
        assertThat(dialogs(tree, List.of(new QuerySortOrder(SessionColumn.FROM_URI.name(), SortDirection.ASCENDING))))
                .isEqualTo(dialogs(tree, List.of()))
                .isEqualTo(service.sessions(many, List.of(), 0, 50).stream()
                        .map(org.commsportal.sessiondetails.SessionRow::dialogId)
                        .toList());
        assertThat(tree.currentSearch()).isNotNull();
        assertThat(tree.currentSearch().sortColumn()).isNull();

        tree.show(few);
        assertThat(tree.sortsAndGroups()).isTrue();
        assertThat(tree.getColumnByKey(SessionColumn.FROM_URI.name()).isSortable())
                .isTrue();
        assertThat(tree.getColumnByKey(SessionTree.GROUP_COLUMN).isVisible()).isTrue();
        // grouped again: the root's children are the media types' groups
        assertThat(tree.getDataProvider().getChildCount(query(List.of())))
                .isEqualTo(service.countGroups(few, List.of(), SessionColumn.MEDIA_TYPES));
        tree.setGrouping(List.of());
        List<String> byFrom =
                dialogs(tree, List.of(new QuerySortOrder(SessionColumn.FROM_URI.name(), SortDirection.ASCENDING)));
        assertThat(byFrom)
                .isEqualTo(service.sessions(few.sortedBy(SessionColumn.FROM_URI, true), List.of(), 0, 50).stream()
                        .map(org.commsportal.sessiondetails.SessionRow::dialogId)
                        .toList())
                .isNotEqualTo(dialogs(tree, List.of()));
    }

    private SessionSearch search(LocalDate from, LocalDate to) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("from", List.of(from.toString()));
        parameters.put("to", List.of(to.toString()));
        parameters.put("zone", List.of("UTC"));
        parameters.put("modality", List.of("audio"));
        DrillThrough wanted = java.util.Objects.requireNonNull(
                DrillThrough.parse(parameters, ZoneOffset.UTC).search());
        return service.search(wanted);
    }

    private static HierarchicalQuery<SessionNode, SerializablePredicate<SessionNode>> query(List<QuerySortOrder> sort) {
        return new HierarchicalQuery<>(0, 50, sort, null, null, null);
    }

    private static List<String> dialogs(SessionTree tree, List<QuerySortOrder> sort) {
        return tree.getDataProvider()
                .fetchChildren(query(sort))
                .map(node -> ((SessionNode.Session) node).row().dialogId())
                .toList();
    }
}
