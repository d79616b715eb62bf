package org.commsportal.savedviews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.security.Role;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/** Saved views against the real database: who sees which, with what, and what cannot be saved. */
@PortalIntegrationTest
class SavedViewsIT {

    private static final String ROUTE = "usage/peer-to-peer-activity";
    private static final String FULL_QUERY =
            "period=D30&day=2026-11-20&user=ada&sort=IM&order=desc&columns=USER_NAME,IM";

    @Autowired
    SavedViews savedViews;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        TestTenants.signOut();
    }

    @Test
    void a_shared_view_is_listed_to_the_tenants_other_accounts_and_a_private_one_to_its_owner_alone() {
        Tenant tenant = showingNames(testTenants.newTenant("shared"));
        String owner = testTenants.newAccount(tenant, Role.SFB_ADMIN);
        String colleague = testTenants.newAccount(tenant, Role.REPORTS_READER);
        testTenants.signIn(owner);
        savedViews.save(ROUTE, FULL_QUERY, "  Ada's month  ", true);
        savedViews.save("usage/device-usage", "period=D7", "Mine only", false);

        assertThat(savedViews.visible())
                .extracting(SavedView::name, SavedView::mine, SavedView::address)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Mine only", true, "usage/device-usage?period=D7"),
                        org.assertj.core.groups.Tuple.tuple("Ada's month", true, ROUTE + "?" + FULL_QUERY));

        testTenants.signIn(colleague);
        List<SavedView> seen = savedViews.visible();
        assertThat(seen).singleElement().satisfies(view -> {
            assertThat(view.name()).isEqualTo("Ada's month");
            assertThat(view.mine()).isFalse();
            assertThat(view.savedBy()).isEqualTo(owner);
            assertThat(view.query()).isEqualTo(FULL_QUERY);
        });
        assertThatThrownBy(() -> savedViews.delete(seen.get(0).id()))
                .isInstanceOf(SavedViewProblem.class)
                .hasMessageContaining("not one of yours");

        testTenants.signInAs(testTenants.newTenant("other"), Role.GLOBAL_ADMIN);
        assertThat(savedViews.visible()).as("another tenant sees none of them").isEmpty();
    }

    @Test
    void the_quality_reliability_and_rate_my_call_pages_keep_their_region_city_and_building() {
        Tenant tenant = testTenants.newTenant("places");
        testTenants.signIn(testTenants.newAccount(tenant, Role.USAGE_SUMMARY_READER));
        String place = "range=D30&region=North%20America&city=Seattle&building=Building%201";
        savedViews.save("quality", place, "Seattle call quality", false);
        savedViews.save("quality/reliability", "modality=audio&" + place, "Seattle reliability", false);
        savedViews.save("quality/feedback", place, "Seattle ratings", false);
        assertThat(savedViews.visible())
                .extracting(SavedView::address)
                .containsExactlyInAnyOrder(
                        "quality?" + place, "quality/reliability?modality=audio&" + place, "quality/feedback?" + place);
    }

    @Test
    void a_session_details_drill_through_keeps_the_callers_place() {
        Tenant tenant = testTenants.newTenant("caller-places");
        testTenants.signIn(testTenants.newAccount(tenant, Role.REPORTS_READER));
        String query =
                "from=2026-11-01&to=2026-11-30&zone=UTC&responseCode=500&region=Europe&city=London" + "&placeBy=caller";
        savedViews.save("usage/session-details", query, "London setup failures", false);
        assertThat(savedViews.visible())
                .extracting(SavedView::address)
                .containsExactly("usage/session-details?" + query);
    }

    @Test
    void a_viewer_who_sees_charts_only_gets_the_period_alone_and_a_concealed_viewer_no_one_elses_user_filter() {
        Tenant tenant = testTenants.newTenant("privacy"); // conceals names, as every new tenant
        String owner = testTenants.newAccount(tenant, Role.GLOBAL_ADMIN);
        testTenants.signIn(owner);
        savedViews.save(ROUTE, FULL_QUERY, "Everything", true);
        assertThat(savedViews.visible())
                .singleElement()
                .extracting(SavedView::query)
                .isEqualTo(FULL_QUERY);

        testTenants.signIn(testTenants.newAccount(tenant, Role.USAGE_SUMMARY_READER));
        assertThat(savedViews.visible())
                .singleElement()
                .extracting(SavedView::query)
                .isEqualTo("period=D30");

        testTenants.signIn(testTenants.newAccount(tenant, Role.REPORTS_READER));
        assertThat(savedViews.visible())
                .singleElement()
                .extracting(SavedView::query)
                .isEqualTo("period=D30&day=2026-11-20&sort=IM&order=desc&columns=USER_NAME,IM");
    }

    @Test
    void bad_names_routes_and_addresses_are_refused_with_a_reason_and_nothing_is_saved() {
        Tenant tenant = testTenants.newTenant("refused");
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        savedViews.save(ROUTE, "period=D7", "Taken", false);

        assertRefused(ROUTE, "period=D7", "   ", "Give the view a name");
        assertRefused(ROUTE, "period=D7", "x".repeat(81), "at most 80 characters");
        assertRefused(ROUTE, "period=D7", "two\nlines", "control characters");
        assertRefused("admin/accounts", "", "Accounts", "Only the report pages");
        assertRefused(ROUTE, "period=D7&redirect=https://evil.example", "Sneaky", "not one the report writes");
        assertRefused(ROUTE, "period=%zz", "Broken", "not one the report writes");
        assertRefused(ROUTE, "user=" + "a".repeat(2000), "Huge", "not one the report writes");
        assertRefused(ROUTE, "period=D7", "Taken", "already have a view named \"Taken\"");
        assertThat(savedViews.trySave(ROUTE, "period=D7", "", false)).hasValue("Give the view a name.");

        assertThat(savedViews.visible()).extracting(SavedView::name).containsExactly("Taken");
    }

    @Test
    void an_account_keeps_at_most_a_hundred_views_and_deleting_one_makes_room_and_is_audited() {
        Tenant tenant = testTenants.newTenant("many");
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        for (int i = 0; i < SavedViews.MAX_VIEWS_PER_ACCOUNT; i++) {
            savedViews.save(ROUTE, "period=D7", "View " + i, false);
        }
        assertRefused(ROUTE, "period=D7", "One more", "delete one first");

        long first = savedViews.visible().stream()
                .filter(view -> view.name().equals("View 0"))
                .findFirst()
                .orElseThrow()
                .id();
        savedViews.delete(first);
        savedViews.save(ROUTE, "period=D7", "One more", false);

        assertThat(jdbc.sql("SELECT action, detail FROM audit_event WHERE tenant_id = :t AND action LIKE 'SAVED_VIEW%'"
                                + " ORDER BY id DESC LIMIT 2")
                        .param("t", tenant.id())
                        .query((rs, row) -> rs.getString("action") + ": " + rs.getString("detail"))
                        .list())
                .containsExactly(
                        "SAVED_VIEW_SAVED: Saved the view \"One more\" of /" + ROUTE,
                        "SAVED_VIEW_DELETED: Deleted the view \"View 0\"");
    }

    @Test
    void accounts_without_a_usage_role_cannot_save_or_list_views() {
        testTenants.signInAs(testTenants.newTenant("norole"), Role.BILLING_ADMIN);

        assertThatThrownBy(() -> savedViews.visible()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> savedViews.save(ROUTE, "", "x", false)).isInstanceOf(AccessDeniedException.class);
    }

    private void assertRefused(String route, String query, String name, String reason) {
        assertThatThrownBy(() -> savedViews.save(route, query, name, false))
                .isInstanceOf(SavedViewProblem.class)
                .hasMessageContaining(reason);
    }

    private Tenant showingNames(Tenant tenant) {
        jdbc.sql("UPDATE tenant SET display_concealed_names = FALSE WHERE id = :id")
                .param("id", tenant.id())
                .update();
        return tenant;
    }
}
