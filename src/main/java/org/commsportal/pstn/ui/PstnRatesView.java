package org.commsportal.pstn.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.RolesAllowed;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.commsportal.pstn.PstnCallType;
import org.commsportal.pstn.PstnRate;
import org.commsportal.pstn.PstnRateProblems;
import org.commsportal.pstn.PstnRateTable;
import org.commsportal.pstn.PstnRates;
import org.commsportal.security.Roles;
import org.jspecify.annotations.Nullable;

/**
 * The tenant's PSTN rate table (docs/pstn-usage.md, "Charges"), for global administrators: rows edited here and
 * saved together, or a CSV file uploaded in place of the table and downloaded. A table with any problem is refused
 * with every problem named, and nothing of it is saved.
 */
@Route("admin/pstn-rates")
@PageTitle("PSTN rates | Comms Usage Portal")
@Menu(order = 13.7, title = "PSTN rates", icon = "vaadin:money")
@RolesAllowed(Roles.GLOBAL_ADMIN)
class PstnRatesView extends VerticalLayout {

    private final PstnRates service;
    private final TextField currency = new TextField("Currency");
    private final Grid<PstnRate> grid = new Grid<>();
    private final TextField country = new TextField("Destination country");
    private final Select<PstnCallType> type = new Select<>();
    private final TextField price = new TextField("Price per minute");
    private final TextField fee = new TextField("Connection fee");
    private final Div problems = new Div();
    private final Span unsaved = new Span();
    private final List<PstnRate> rows = new ArrayList<>();

    PstnRatesView(PstnRates service) {
        this.service = service;
        setId("pstn-rates");
        setMaxWidth("72em");
        add(new H2("PSTN rates"));
        add(new Paragraph("The PSTN usage page charges each call by the rate of its destination country and call "
                + "type: the price per minute times the call's minutes, each started minute billed whole, plus the "
                + "connection fee, rounded per call to the currency's smallest unit. Calls without a rate show no "
                + "charge. All rates are in one currency."));

        currency.setId("rate-currency");
        currency.setHelperText("ISO 4217 code, such as EUR or USD");
        currency.setMaxLength(3);
        currency.setWidth("10em");

        grid.setId("rates");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No rates yet: calls show no charge.");
        grid.addColumn(PstnRate::country).setHeader("Country").setAutoWidth(true);
        grid.addColumn(rate -> rate.type().label() + " (" + rate.type().vendorName() + ")")
                .setHeader("Call type")
                .setAutoWidth(true);
        grid.addColumn(rate -> rate.pricePerMinute().toPlainString())
                .setHeader("Price per minute")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(rate -> rate.connectionFee().toPlainString())
                .setHeader("Connection fee")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addComponentColumn(rate -> {
                    var remove = new Button("Remove", click -> {
                        rows.remove(rate);
                        changed();
                    });
                    remove.setId("remove-" + rate.country() + "-" + rate.type().vendorName());
                    remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                    return remove;
                })
                .setAutoWidth(true);

        var save = new Button("Save rates", click -> save());
        save.setId("save-rates");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        unsaved.setId("unsaved");
        problems.setId("rate-problems");
        var saveBar = new HorizontalLayout(currency, save, unsaved);
        saveBar.setAlignItems(Alignment.BASELINE);

        add(saveBar, problems, new H3("Rates"), addForm(), grid, new H3("File"), fileSection());
        load(service.table());
    }

    private HorizontalLayout addForm() {
        country.setId("rate-country");
        country.setHelperText("ISO 3166 code, as the PSTN page shows it (GB, US)");
        country.setWidth("12em");
        type.setId("rate-type");
        type.setLabel("Call type");
        type.setItems(PstnCallType.values());
        type.setItemLabelGenerator(t -> t == null ? "" : t.label());
        type.setValue(PstnCallType.USER_OUT);
        price.setId("rate-price");
        price.setPlaceholder("0.0215");
        fee.setId("rate-fee");
        fee.setPlaceholder("0");
        var add = new Button("Add or change", click -> addRow());
        add.setId("add-rate");
        var form = new HorizontalLayout(country, type, price, fee, add);
        form.setAlignItems(Alignment.BASELINE);
        form.setWrap(true);
        return form;
    }

    private VerticalLayout fileSection() {
        var note = new Paragraph("A CSV file (UTF-8) with the header Country,CallType,PricePerMinute,ConnectionFee,"
                + "Currency and one rate per line replaces the whole table when it has no problem; call types are "
                + "user_out, user_in, conf_in and conf_out.");
        UploadHandler handler = event -> {
            UI ui = event.getUI();
            try {
                PstnRateTable saved = service.upload(event.getFileName(), event.getInputStream());
                ui.access(() -> {
                    load(saved);
                    Notification.show("Saved " + saved.rates().size() + " rates from the file.")
                            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                });
            } catch (PstnRateProblems e) {
                ui.access(() ->
                        showProblems(e.problems().stream().map(Object::toString).toList()));
            }
        };
        var upload = new Upload(handler);
        upload.setId("rates-upload");
        upload.setAcceptedFileTypes(".csv", ".txt", "text/csv", "text/plain");
        upload.setMaxFiles(1);
        upload.setDropLabel(new Span("Drop a rate table here (CSV)"));
        upload.addFileRejectedListener(event -> showProblems(List.of(event.getErrorMessage())));
        upload.addSucceededListener(event -> upload.clearFileList());
        DownloadHandler download = event -> {
            event.setFileName("pstn-rates.csv");
            event.setContentType("text/csv");
            try (OutputStream out = event.getOutputStream()) {
                service.download(out);
            }
        };
        var anchor = new Anchor(download, "Download the table as CSV");
        anchor.setId("download-rates");
        anchor.getElement().setAttribute("download", true);
        var section = new VerticalLayout(note, upload, anchor);
        section.setPadding(false);
        return section;
    }

    private void addRow() {
        String code = country.getValue().strip().toUpperCase(Locale.ROOT);
        PstnCallType chosen = type.getValue();
        BigDecimal perMinute = amount(price, false);
        BigDecimal connection = amount(fee, true);
        if (code.isEmpty()) {
            country.setInvalid(true);
            country.setErrorMessage("Enter a country code");
        }
        if (code.isEmpty() || chosen == null || perMinute == null || connection == null) {
            return;
        }
        country.setInvalid(false);
        rows.removeIf(rate -> rate.country().equals(code) && rate.type() == chosen);
        rows.add(new PstnRate(code, chosen, perMinute, connection));
        country.clear();
        price.clear();
        fee.clear();
        changed();
    }

    /** The field's number, or null with the field marked when it is not one; the service checks its range. */
    private static @Nullable BigDecimal amount(TextField field, boolean optional) {
        String text = field.getValue().strip().replace(',', '.');
        if (text.isEmpty() && optional) {
            field.setInvalid(false);
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal value = new BigDecimal(text);
            field.setInvalid(false);
            return value;
        } catch (NumberFormatException notANumber) {
            field.setInvalid(true);
            field.setErrorMessage(text.isEmpty() ? "Enter a price" : "Not a number written as 0.0215");
            return null;
        }
    }

    private void save() {
        try {
            PstnRateTable saved = service.save(currency.getValue(), rows);
            load(saved);
            Notification.show("Saved " + saved.rates().size() + " rates in " + saved.currency() + ".")
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (PstnRateProblems e) {
            showProblems(e.problems().stream().map(Object::toString).toList());
        }
    }

    private void load(PstnRateTable table) {
        currency.setValue(table.currency() == null ? "" : table.currency());
        rows.clear();
        rows.addAll(table.rates());
        showProblems(List.of());
        show();
        unsaved.setText("");
    }

    private void changed() {
        show();
        unsaved.setText("Changes not saved yet");
    }

    private void show() {
        rows.sort(Comparator.comparing(PstnRate::country).thenComparing(PstnRate::type));
        grid.setItems(new ArrayList<>(rows));
    }

    private void showProblems(List<String> found) {
        problems.removeAll();
        if (found.isEmpty()) {
            return;
        }
        problems.add(new Paragraph("Nothing was saved: " + found.size() + " problem" + (found.size() == 1 ? "" : "s")
                + ". Correct them and save again."));
        var list = new UnorderedList();
        found.forEach(problem -> list.add(new ListItem(problem)));
        problems.add(list);
        problems.getStyle().set("color", "var(--lumo-error-text-color)");
    }
}
