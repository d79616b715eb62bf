package org.commsportal.administration.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.commsportal.base.ui.Confirm;
import org.commsportal.base.ui.GridColumns;
import org.commsportal.security.AccountProblem;
import org.commsportal.security.AccountService;
import org.commsportal.security.AccountSummary;
import org.commsportal.security.Role;
import org.commsportal.security.Roles;
import org.commsportal.security.SignedInRoles;

/** The tenant's portal accounts: global administrators create and change them, global readers list them. */
@Route("admin/accounts")
@PageTitle("Accounts | Comms Usage Portal")
@Menu(order = 11, title = "Accounts", icon = "vaadin:users")
@RolesAllowed({Roles.GLOBAL_ADMIN, Roles.GLOBAL_READER})
class AccountsView extends VerticalLayout {

    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final AccountService accounts;
    private final Grid<AccountSummary> grid = new Grid<>();
    private final boolean manages = SignedInRoles.has(Role.GLOBAL_ADMIN);

    AccountsView(AccountService accounts) {
        this.accounts = accounts;
        setId("accounts");
        setSizeFull();

        grid.setId("accounts-grid");
        grid.addColumn(AccountSummary::username)
                .setHeader("User name")
                .setAutoWidth(true)
                .setSortable(true);
        grid.addColumn(AccountSummary::displayName)
                .setHeader("Display name")
                .setAutoWidth(true)
                .setSortable(true);
        // An account may hold every role: the list wraps in a column of its own width instead of being cut short
        grid.addColumn(GridColumns.wrappingText(account ->
                        account.roles().stream().sorted().map(Role::title).collect(Collectors.joining(", "))))
                .setHeader("Roles")
                .setWidth("16rem")
                .setFlexGrow(1);
        grid.addColumn(account -> account.enabled() ? "Enabled" : "Disabled")
                .setHeader("Status")
                .setAutoWidth(true);
        grid.addColumn(AccountSummary::timeZone).setHeader("Time zone").setAutoWidth(true);
        grid.addColumn(account -> CREATED.format(account.createdAt()))
                .setHeader("Created (UTC)")
                .setAutoWidth(true);
        if (manages) {
            grid.addComponentColumn(this::actions).setHeader("Actions").setAutoWidth(true);
        }
        GridColumns.resizableWithFirstFrozen(grid);

        var heading = new HorizontalLayout(new H2("Accounts"));
        heading.setAlignItems(Alignment.BASELINE);
        if (manages) {
            var create = new Button("New account", click -> editDialog(null).open());
            create.setId("new-account");
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            heading.add(create);
        } else {
            heading.add(new Span("Read only: only a global administrator can change accounts."));
        }
        add(heading, grid);
        grid.setMinHeight("16rem");
        setFlexGrow(1, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(accounts.accounts());
    }

    private HorizontalLayout actions(AccountSummary account) {
        var roles = new Button("Roles", click -> editDialog(account).open());
        roles.setId("roles-" + account.id());
        var password = new Button(
                "Reset password", click -> resetPasswordDialog(account).open());
        password.setId("reset-password-" + account.id());
        Runnable toggle = () -> attempt(() -> {
            accounts.setEnabled(account.id(), !account.enabled());
            Notification.show((account.enabled() ? "Disabled " : "Enabled ") + account.username());
        });
        var enable = new Button(account.enabled() ? "Disable" : "Enable", click -> {
            if (account.enabled()) {
                Confirm.ask(
                        "disable-account",
                        "Disable " + account.username() + "?",
                        "The account "
                                + account.username() + " (" + account.displayName()
                                + ") is signed out at the next click "
                                + "and cannot sign in, nor use API tokens, until an administrator enables the account again.",
                        "Disable account",
                        toggle);
            } else {
                toggle.run();
            }
        });
        enable.setId((account.enabled() ? "disable-" : "enable-") + account.id());
        for (Button button : new Button[] {roles, password, enable}) {
            button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        return new HorizontalLayout(roles, password, enable);
    }

    /** A dialog that creates an account ({@code account == null}) or changes an account's roles. */
    private Dialog editDialog(AccountSummary account) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(account == null ? "New account" : "Roles of " + account.username());
        var username = new TextField("User name");
        username.setId("account-username");
        var displayName = new TextField("Display name");
        displayName.setId("account-display-name");
        var password = new PasswordField("Password");
        password.setId("account-password");
        password.setHelperText("At least 12 characters; not a common password.");
        var roles = new CheckboxGroup<Role>("Roles");
        roles.setId("account-roles");
        roles.setItems(Role.values());
        roles.setItemLabelGenerator(Role::title);
        var form = new VerticalLayout();
        form.setPadding(false);
        if (account == null) {
            form.add(username, displayName, password);
        } else {
            roles.setValue(account.roles());
        }
        form.add(roles);
        dialog.add(form);

        var save = new Button(account == null ? "Create" : "Save", click -> {
            Set<Role> chosen = roles.getValue().isEmpty() ? Set.of() : EnumSet.copyOf(roles.getValue());
            try {
                if (account == null) {
                    accounts.create(username.getValue().strip(), displayName.getValue(), password.getValue(), chosen);
                    Notification.show("Created " + username.getValue().strip());
                } else {
                    accounts.assignRoles(account.id(), chosen);
                    Notification.show("Roles of " + account.username() + " saved");
                }
                dialog.close();
                refresh();
            } catch (AccountProblem problem) {
                switch (problem.field()) {
                    case USERNAME -> invalid(username, problem.getMessage());
                    case DISPLAY_NAME -> invalid(displayName, problem.getMessage());
                    case PASSWORD -> invalid(password, problem.getMessage());
                    case ROLES -> {
                        roles.setErrorMessage(problem.getMessage());
                        roles.setInvalid(true);
                    }
                    default -> showProblem(problem);
                }
            }
        });
        save.setId("save-account");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
        return dialog;
    }

    private Dialog resetPasswordDialog(AccountSummary account) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Reset the password of " + account.username());
        var password = new PasswordField("New password");
        password.setId("new-password");
        password.setHelperText("Pass it on to the account's owner, who can change it on their own page.");
        dialog.add(password);
        var save = new Button("Set password", click -> {
            try {
                accounts.resetPassword(account.id(), password.getValue());
                Notification.show("Password of " + account.username() + " reset");
                dialog.close();
            } catch (AccountProblem problem) {
                invalid(password, problem.getMessage());
            }
        });
        save.setId("save-password");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
        return dialog;
    }

    private void attempt(Runnable change) {
        try {
            change.run();
        } catch (AccountProblem problem) {
            showProblem(problem);
        }
        refresh();
    }

    private static void invalid(com.vaadin.flow.component.HasValidation field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    private static void showProblem(AccountProblem problem) {
        var note = Notification.show(problem.getMessage(), 6000, Notification.Position.MIDDLE);
        note.setId("account-problem");
        note.addThemeVariants(com.vaadin.flow.component.notification.NotificationVariant.LUMO_ERROR);
    }
}
