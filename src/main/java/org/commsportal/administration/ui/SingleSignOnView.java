package org.commsportal.administration.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.commsportal.security.Role;
import org.commsportal.security.Roles;
import org.commsportal.security.SingleSignOn;
import org.commsportal.security.SsoProblem;
import org.commsportal.security.SsoRoleMapping;
import org.commsportal.security.SsoSettings;
import org.commsportal.security.SsoSettingsChange;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The tenant's OpenID Connect provider, its group-to-role mapping and the sign-in restriction (docs/operations.md,
 * "Single sign-on with OpenID Connect"): global administrators change them, global readers read them. The client
 * secret is never shown, only whether one is saved.
 */
@Route("admin/single-sign-on")
@PageTitle("Single sign-on | Comms Usage Portal")
@Menu(order = 12, title = "Single sign-on", icon = "vaadin:key")
@RolesAllowed({Roles.GLOBAL_ADMIN, Roles.GLOBAL_READER})
class SingleSignOnView extends VerticalLayout {

    private final SingleSignOn sso;
    private final boolean manages;

    private final Checkbox enabled = new Checkbox("Offer single sign-on on the sign-in page");
    private final TextField displayName = new TextField("Provider name on the button (\"Sign in with …\")");
    private final TextField issuer = new TextField("Issuer URL");
    private final TextField clientId = new TextField("Client (application) id");
    private final PasswordField clientSecret = new PasswordField("Client secret");
    private final TextField scopes = new TextField("Scopes");
    private final TextField rolesClaim = new TextField("Claim with groups or roles");
    private final Span redirectUri = new Span();
    private final Grid<SsoRoleMapping> mappingGrid = new Grid<>();
    private final List<SsoRoleMapping> mappings = new ArrayList<>();
    private final TextField newValue = new TextField("Group or role value");
    private final Select<Role> newRole = new Select<>();
    private final Span mappingsError = new Span();
    private final Checkbox ssoOnly = new Checkbox("Sign in with single sign-on only");
    private final CheckboxGroup<String> exceptions =
            new CheckboxGroup<>("Local accounts that may still sign in with their password");
    private final Span ssoOnlyError = new Span();

    SingleSignOnView(SingleSignOn sso) {
        this.sso = sso;
        this.manages = sso.mayChange();
        setId("single-sign-on");
        setMaxWidth("56em");

        add(new H2("Single sign-on"));
        add(help("People of your organization sign in with your identity provider (OpenID Connect: Microsoft Entra "
                + "ID, Keycloak, ADFS, Okta). Their first sign-in creates their portal account; their roles come "
                + "from the groups or roles the provider sends, mapped below, again at every sign-in."));
        if (sso.keyProblem() != null) {
            var key = new Paragraph("Single sign-on cannot be set up on this portal yet: " + sso.keyProblem()
                    + ". The portal's operator sets it (docs/operations.md, \"Single sign-on with OpenID Connect\").");
            key.setId("sso-key-missing");
            key.getStyle().set("color", "var(--lumo-error-text-color)");
            add(key);
        }
        if (!manages) {
            var readOnly = new Paragraph("You can read these settings; only a global administrator can change them.");
            readOnly.setId("sso-read-only");
            add(readOnly);
        }

        enabled.setId("sso-enabled");
        displayName.setId("sso-display-name");
        displayName.setPlaceholder("Contoso Entra ID");
        issuer.setId("sso-issuer");
        issuer.setWidthFull();
        issuer.setHelperText(
                "Exactly as the provider states it, e.g. https://login.microsoftonline.com/<tenant id>/v2.0"
                        + " or https://keycloak.example/realms/<realm>.");
        clientId.setId("sso-client-id");
        clientId.setWidthFull();
        clientSecret.setId("sso-client-secret");
        clientSecret.setWidthFull();
        clientSecret.setRevealButtonVisible(false);
        scopes.setId("sso-scopes");
        scopes.setWidthFull();
        scopes.setHelperText("Separated by spaces; openid is required.");
        rolesClaim.setId("sso-roles-claim");
        rolesClaim.setHelperText("groups (Entra ID group ids, Keycloak groups), roles (Entra ID app roles), or a path "
                + "such as realm_access.roles.");
        redirectUri.setId("sso-redirect-uri");

        mappingGrid.setId("sso-mappings");
        mappingGrid
                .addColumn(SsoRoleMapping::claimValue)
                .setHeader("Group or role value")
                .setAutoWidth(true);
        mappingGrid.addColumn(m -> m.role().title()).setHeader("Portal role").setAutoWidth(true);
        if (manages) {
            mappingGrid
                    .addComponentColumn(m -> {
                        var remove = new Button("Remove", click -> {
                            mappings.remove(m);
                            mappingGrid.setItems(mappings);
                        });
                        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                        return remove;
                    })
                    .setHeader("Actions")
                    .setAutoWidth(true);
        }
        mappingGrid.setAllRowsVisible(true);
        newValue.setId("sso-new-value");
        newRole.setId("sso-new-role");
        newRole.setLabel("Portal role");
        newRole.setItems(EnumSet.allOf(Role.class));
        newRole.setItemLabelGenerator(Role::title);
        var addMapping = new Button("Add mapping", click -> addMapping());
        addMapping.setId("sso-add-mapping");
        var mappingForm = new HorizontalLayout(newValue, newRole, addMapping);
        mappingForm.setAlignItems(Alignment.BASELINE);
        mappingForm.setVisible(manages);
        mappingsError.setId("sso-mappings-error");
        errorStyle(mappingsError);

        ssoOnly.setId("sso-only");
        exceptions.setId("sso-local-exceptions");
        exceptions.setItems(sso.localAccounts());
        ssoOnlyError.setId("sso-only-error");
        errorStyle(ssoOnlyError);

        var save = new Button("Save", click -> save());
        save.setId("sso-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setVisible(manages);

        add(
                new H3("Provider"),
                enabled,
                displayName,
                issuer,
                clientId,
                clientSecret,
                scopes,
                rolesClaim,
                redirectUri,
                new H3("Groups and roles to portal roles"),
                help("A person gets every portal role that one of their values maps to; with none, the portal "
                        + "refuses them with a page that says so. Values are compared exactly (Entra ID sends group "
                        + "object ids)."),
                mappingGrid,
                mappingForm,
                mappingsError,
                new H3("Local accounts"),
                help("Local accounts keep working beside single sign-on. Turn on \"only\" to refuse passwords, except "
                        + "for the accounts ticked here: keep at least one global administrator, in case the "
                        + "provider cannot be reached."),
                ssoOnly,
                exceptions,
                ssoOnlyError,
                save);
        show(sso.settings().orElse(null));
        if (!manages) {
            for (var field : List.of(displayName, issuer, clientId, scopes, rolesClaim)) {
                field.setReadOnly(true);
            }
            clientSecret.setReadOnly(true);
            enabled.setReadOnly(true);
            ssoOnly.setReadOnly(true);
            exceptions.setReadOnly(true);
        }
    }

    private void show(@Nullable SsoSettings current) {
        if (current == null) {
            enabled.setValue(true);
            scopes.setValue(SingleSignOn.DEFAULT_SCOPES);
            rolesClaim.setValue(SingleSignOn.DEFAULT_ROLES_CLAIM);
            clientSecret.setHelperText("Stored encrypted and never shown again.");
            redirectUri.setText("Redirect URI to register at the provider: shown here after the first save.");
            return;
        }
        enabled.setValue(current.enabled());
        displayName.setValue(current.displayName());
        issuer.setValue(current.issuer());
        clientId.setValue(current.clientId());
        clientSecret.clear();
        clientSecret.setPlaceholder(current.clientSecretSaved() ? "saved, not shown" : "");
        clientSecret.setHelperText("A secret is saved (encrypted, never shown). Leave empty to keep it; type a new one "
                + "to replace it.");
        scopes.setValue(current.scopes());
        rolesClaim.setValue(current.rolesClaim());
        redirectUri.setText("Redirect URI to register at the provider: " + portalAddress() + "/login/oauth2/code/"
                + current.registrationId() + "; after sign-out: " + portalAddress() + "/login?logout");
        mappings.clear();
        mappings.addAll(current.mappings());
        mappingGrid.setItems(mappings);
        ssoOnly.setValue(current.ssoOnly());
        exceptions.setValue(current.localExceptions());
    }

    private void addMapping() {
        newValue.setInvalid(false);
        newRole.setInvalid(false);
        String value = newValue.getValue().strip();
        if (value.isEmpty()) {
            newValue.setErrorMessage("Enter the value as the provider sends it.");
            newValue.setInvalid(true);
            return;
        }
        if (newRole.getValue() == null) {
            newRole.setErrorMessage("Choose the portal role it grants.");
            newRole.setInvalid(true);
            return;
        }
        var mapping = new SsoRoleMapping(value, newRole.getValue());
        if (!mappings.contains(mapping)) {
            mappings.add(mapping);
        }
        mappingGrid.setItems(mappings);
        newValue.clear();
        newRole.clear();
    }

    private void save() {
        var fields = Map.<SsoProblem.Field, HasValidation>of(
                SsoProblem.Field.DISPLAY_NAME, displayName,
                SsoProblem.Field.ISSUER, issuer,
                SsoProblem.Field.CLIENT_ID, clientId,
                SsoProblem.Field.CLIENT_SECRET, clientSecret,
                SsoProblem.Field.SCOPES, scopes,
                SsoProblem.Field.ROLES_CLAIM, rolesClaim);
        fields.values().forEach(field -> field.setInvalid(false));
        mappingsError.setText("");
        ssoOnlyError.setText("");
        try {
            sso.save(new SsoSettingsChange(
                    displayName.getValue(),
                    issuer.getValue(),
                    clientId.getValue(),
                    clientSecret.getValue(),
                    scopes.getValue(),
                    rolesClaim.getValue(),
                    enabled.getValue(),
                    ssoOnly.getValue(),
                    mappings,
                    exceptions.getValue()));
        } catch (SsoProblem problem) {
            HasValidation field = fields.get(problem.field());
            if (field != null) {
                field.setErrorMessage(problem.getMessage());
                field.setInvalid(true);
            } else if (problem.field() == SsoProblem.Field.MAPPINGS) {
                mappingsError.setText(problem.getMessage());
            } else {
                ssoOnlyError.setText(problem.getMessage());
            }
            var note = Notification.show("Not saved: " + problem.getMessage());
            note.addThemeVariants(NotificationVariant.LUMO_ERROR);
            note.setId("sso-not-saved");
            return;
        }
        show(sso.settings().orElse(null));
        var note = Notification.show("Single sign-on saved.");
        note.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        note.setId("sso-saved");
    }

    private static String portalAddress() {
        var request = VaadinServletRequest.getCurrent();
        return request == null
                ? ""
                : ServletUriComponentsBuilder.fromContextPath(request.getHttpServletRequest())
                        .replaceQuery(null)
                        .build()
                        .toUriString();
    }

    private static Paragraph help(String text) {
        var paragraph = new Paragraph(text);
        paragraph.addClassName("help-text");
        return paragraph;
    }

    private static void errorStyle(Span error) {
        error.getStyle().set("color", "var(--lumo-error-text-color)");
    }
}
