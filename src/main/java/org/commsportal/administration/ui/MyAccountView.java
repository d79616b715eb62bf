package org.commsportal.administration.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.commsportal.base.ui.Confirm;
import org.commsportal.base.ui.GridColumns;
import org.commsportal.base.ui.ShownOnce;
import org.commsportal.base.ui.TimeZoneField;
import org.commsportal.security.AccountProblem;
import org.commsportal.security.AccountService;
import org.commsportal.security.ApiTokenSummary;
import org.commsportal.security.ApiTokens;
import org.commsportal.security.CreatedApiToken;
import org.commsportal.security.ViewerTimeZone;
import org.jspecify.annotations.Nullable;

/** The signed-in account's own page: its password, its time zone and its personal API tokens. */
@Route("account")
@PageTitle("My account | Comms Usage Portal")
@PermitAll
class MyAccountView extends VerticalLayout {

    private final AccountService accounts;
    private final ViewerTimeZone timeZone;
    private final ApiTokens tokens;
    private final Clock clock;
    private final Grid<ApiTokenSummary> tokenGrid = new Grid<>();
    private final DateTimeFormatter timestamps;

    MyAccountView(AccountService accounts, ViewerTimeZone timeZone, ApiTokens tokens, Clock clock) {
        this.accounts = accounts;
        this.timeZone = timeZone;
        this.tokens = tokens;
        this.clock = clock;
        ZoneId zone = timeZone.current();
        this.timestamps = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        setId("my-account");
        setMaxWidth("64em");
        add(new H2("My account"), passwordSection(), timeZoneSection(zone), tokenSection(zone));
        refreshTokens();
    }

    private VerticalLayout passwordSection() {
        var current = new PasswordField("Current password");
        current.setId("current-password");
        var next = new PasswordField("New password");
        next.setId("new-password");
        next.setHelperText("At least 12 characters; not a common password; not your user name.");
        var repeat = new PasswordField("Repeat the new password");
        repeat.setId("repeat-password");
        var change = new Button("Change password", click -> {
            for (PasswordField field : new PasswordField[] {current, next, repeat}) {
                field.setInvalid(false);
            }
            if (!next.getValue().equals(repeat.getValue())) {
                invalid(repeat, "The two new passwords differ.");
                return;
            }
            try {
                accounts.changeOwnPassword(current.getValue(), next.getValue());
                current.clear();
                next.clear();
                repeat.clear();
                Notification.show("Password changed").setId("password-changed");
            } catch (AccountProblem problem) {
                invalid(
                        problem.field() == AccountProblem.Field.CURRENT_PASSWORD ? current : next,
                        problem.getMessage());
            }
        });
        change.setId("change-password");
        return section("Password", current, next, repeat, change);
    }

    private VerticalLayout timeZoneSection(ZoneId zone) {
        ComboBox<ZoneId> field = TimeZoneField.create("Time zone");
        field.setId("my-time-zone");
        field.setValue(zone);
        field.setHelperText("Date-times you enter and read (session details, exports, audit log) are in this zone.");
        var save = new Button("Save time zone", click -> {
            if (field.getValue() == null) {
                invalid(field, "Choose a time zone.");
                return;
            }
            timeZone.change(field.getValue());
            Notification.show("Time zone saved: " + field.getValue().getId()).setId("time-zone-saved");
        });
        save.setId("save-time-zone");
        return section("Time zone", field, save);
    }

    private VerticalLayout tokenSection(ZoneId zone) {
        var help = new Paragraph("A personal API token lets a script call the portal's APIs as you, with your roles, "
                + "by sending \"Authorization: Bearer <token>\". The token is shown once, when it is created.");
        var name = new TextField("Token name");
        name.setId("token-name");
        name.setPlaceholder("e.g. Power BI refresh");
        var validity = new Select<Integer>();
        validity.setLabel("Valid for");
        validity.setId("token-validity");
        validity.setItems(7, 30, 90, 180, 365);
        validity.setItemLabelGenerator(days -> days + " days");
        validity.setValue(90);
        var create = new Button("Create token", click -> {
            name.setInvalid(false);
            try {
                CreatedApiToken created = tokens.create(name.getValue(), validity.getValue());
                ShownOnce.open("Token \"" + created.summary().name() + "\" created", created.token(), "created-token");
                name.clear();
                refreshTokens();
            } catch (AccountProblem problem) {
                invalid(name, problem.getMessage());
            }
        });
        create.setId("create-token");
        var form = new HorizontalLayout(name, validity, create);
        form.setAlignItems(Alignment.BASELINE);

        tokenGrid.setId("token-grid");
        tokenGrid.setAllRowsVisible(true);
        tokenGrid.addColumn(ApiTokenSummary::name).setHeader("Name").setAutoWidth(true);
        tokenGrid.addColumn(token -> token.prefix() + "...").setHeader("Token").setAutoWidth(true);
        tokenGrid
                .addColumn(token -> time(token.createdAt()))
                .setHeader("Created (" + zone.getId() + ")")
                .setAutoWidth(true);
        tokenGrid
                .addColumn(token -> time(token.expiresAt()))
                .setHeader("Expires")
                .setAutoWidth(true);
        tokenGrid
                .addColumn(token -> time(token.lastUsedAt()))
                .setHeader("Last used")
                .setAutoWidth(true);
        tokenGrid.addColumn(this::status).setHeader("Status").setAutoWidth(true);
        tokenGrid.addComponentColumn(token -> {
            var revoke = new Button(
                    "Revoke",
                    click -> Confirm.ask(
                            "revoke-token",
                            "Revoke token \"" + token.name() + "\"?",
                            "Scripts using " + token.prefix() + "... are refused from then on. A revoked token cannot "
                                    + "be used again.",
                            "Revoke token",
                            () -> {
                                tokens.revoke(token.id());
                                refreshTokens();
                            }));
            revoke.setId("revoke-token-" + token.id());
            revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            revoke.setEnabled(token.revokedAt() == null);
            return revoke;
        });
        GridColumns.resizableWithFirstFrozen(tokenGrid);
        return section("API tokens", help, form, tokenGrid);
    }

    private void refreshTokens() {
        tokenGrid.setItems(tokens.mine());
    }

    private String status(ApiTokenSummary token) {
        if (token.revokedAt() != null) {
            return "Revoked " + time(token.revokedAt());
        }
        return token.usableAt(clock.instant()) ? "Active" : "Expired";
    }

    private String time(@Nullable Instant instant) {
        return instant == null ? "" : timestamps.format(instant);
    }

    private static VerticalLayout section(String title, com.vaadin.flow.component.Component... content) {
        var section = new VerticalLayout(new H3(title));
        section.add(content);
        section.setPadding(false);
        return section;
    }

    private static void invalid(HasValidation field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }
}
