package org.commsportal.locations.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.component.charts.model.DataSeries;
import com.vaadin.flow.component.charts.model.DataSeriesItem;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.commsportal.base.ui.DateRangeFilter;
import org.commsportal.base.ui.LocaleNumbers;
import org.commsportal.base.ui.ModalitySelect;
import org.commsportal.base.ui.PageAddress;
import org.commsportal.base.ui.StreamedExports;
import org.commsportal.common.Place;
import org.commsportal.export.ExportFormat;
import org.commsportal.locations.LocationFigures;
import org.commsportal.locations.LocationFilter;
import org.commsportal.locations.LocationLevel;
import org.commsportal.locations.LocationReport;
import org.commsportal.locations.LocationService;
import org.commsportal.locations.MissingSubnet;
import org.commsportal.quality.DrillThroughLink;
import org.commsportal.quality.QualityFilter;
import org.commsportal.quality.QualitySplit;
import org.commsportal.savedviews.SavedViews;
import org.commsportal.security.Roles;
import org.jspecify.annotations.Nullable;

/**
 * Call quality and reliability by location (docs/locations.md): region, then city, then building, then subnet, each
 * row a drill-down to the next level and, for a subnet, a drill-through to its sessions; the subnets no row of the
 * building file maps, with an export to complete and upload.
 */
@Route("quality/locations")
@PageTitle("Locations | Comms Usage Portal")
@Menu(order = 5.3, title = "Quality by location", icon = "vaadin:building")
@RolesAllowed({
    Roles.GLOBAL_ADMIN,
    Roles.SFB_ADMIN,
    Roles.REPORTS_READER,
    Roles.GLOBAL_READER,
    Roles.USAGE_SUMMARY_READER
})
class LocationsView extends VerticalLayout implements BeforeEnterObserver {

    /** The path's parameters (docs/pages.md#links), from the top down. */
    static final String REGION = "region";

    static final String CITY = "city";
    static final String BUILDING = "building";
    private static final int MAX_NAME_LENGTH = 255;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
    private static final int CHART_ROWS = 15;
    private static final String NONE = "(not given)";

    private final LocationService service;
    private final Locale locale;
    private final boolean drillThrough;
    private final DateRangeFilter range;
    private final PageAddress address = new PageAddress("quality/locations");
    private final ModalitySelect modality;
    private final HorizontalLayout path = new HorizontalLayout();
    private final Span status = new Span();
    private final Div content = new Div();
    private final Grid<MissingSubnet> missing = new Grid<>();
    private final Span missingSummary = new Span();
    private LocationFilter filter;

    LocationsView(LocationService service, SavedViews savedViews) {
        this.service = service;
        this.locale = getLocale() == null ? Locale.ROOT : getLocale();
        this.drillThrough = service.mayReadPerUserData();
        setId("locations");
        setWidthFull();
        LocaleNumbers.useInCharts(locale);
        filter = LocationFilter.lastDays(service.reportDate(), 30);

        range = new DateRangeFilter(
                service.reportDate(), LocationFilter.MAX_DAYS, (first, last) -> show(filter.withRange(first, last)));
        modality = new ModalitySelect("All", chosen -> show(filter.withModality(chosen)));
        var filters = new FlexLayout();
        range.fields().forEach(filters::add);
        filters.add(modality.field(), PageAddress.copyButton(), address.saveButton(savedViews::trySave));
        filters.setId("filters");
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.getStyle().set("gap", "var(--lumo-space-s)");
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);

        path.setId("location-path");
        status.setId("remapping");
        content.setId("locations-content");
        content.setWidthFull();

        missing.setId("missing-subnets");
        missing.addThemeVariants(GridVariant.LUMO_COMPACT);
        missing.addColumn(MissingSubnet::subnet).setHeader("Subnet").setAutoWidth(true);
        missing.addColumn(m -> LocaleNumbers.format(m.streams(), locale))
                .setHeader("Streams")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        missing.setHeight("16em");
        var exports = new StreamedExports(this::prepareExport);
        exports.getChildren()
                .filter(child -> child.getId().filter("export-xlsx"::equals).isPresent())
                .forEach(child -> child.setVisible(false));
        missingSummary.setId("missing-summary");

        add(
                new H2("Quality by location"),
                new Paragraph("Streams and Poor % (call quality) and setup and drop failures (reliability) by the "
                        + "building file's regions, cities, buildings and subnets; each day counts by the file "
                        + "that applied on it. Choose a row to go down a level."),
                filters,
                status,
                path,
                content,
                new H3("Missing subnets"),
                new Paragraph("Subnets seen in streams over the range that no row of the building file maps. The "
                        + "export is a building file with these subnets, ready to complete and upload."),
                new HorizontalLayout(missingSummary, exports),
                missing);
    }

    /**
     * Opens the view a link asks for (docs/pages.md#links): range, modality and the path of region, city and
     * building; a parameter that cannot be used is named and left out.
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters =
                event.getLocation().getQueryParameters().getParameters();
        List<String> problems = new ArrayList<>();
        DateRangeFilter.Days days = range.restore(parameters, problems);
        LocationFilter wanted = filter.withRange(days.from(), days.to());
        wanted = wanted.withModality(modality.restore(parameters, problems).orElse(null));
        for (String level : List.of(REGION, CITY, BUILDING)) {
            Optional<String> value = PageAddress.single(parameters, level);
            if (value.isEmpty()) {
                continue;
            }
            if (value.get().length() > MAX_NAME_LENGTH) {
                problems.add(level + " " + PageAddress.shown(value.get()) + " is longer than any name of the file");
            } else if (!level.equals(levelParameter(wanted.level()))) {
                problems.add(level + " " + PageAddress.shown(value.get()) + " needs the levels above it");
            } else {
                wanted = wanted.into(value.get());
            }
        }
        LocationFilter chosen = wanted;
        show(chosen);
        PageAddress.tell(problems);
    }

    private static String levelParameter(LocationLevel level) {
        return switch (level) {
            case REGION -> REGION;
            case CITY -> CITY;
            case BUILDING, SUBNET -> BUILDING;
        };
    }

    /** The view in the address; parameters at their defaults are left out. */
    private void writeAddress() {
        Map<String, String> state = new LinkedHashMap<>();
        range.writeTo(state);
        if (filter.modality() != null) {
            state.put(DrillThroughLink.MODALITY, DrillThroughLink.modalityParameter(filter.modality()));
        }
        if (filter.region() != null) {
            state.put(REGION, filter.region());
        }
        if (filter.city() != null) {
            state.put(CITY, filter.city());
        }
        if (filter.building() != null) {
            state.put(BUILDING, filter.building());
        }
        address.write(state);
    }

    private void show(LocationFilter shown) {
        filter = shown;
        range.show(new DateRangeFilter.Days(shown.from(), shown.to()));
        writeAddress();
        LocationReport report = service.report(shown);
        status.setText(
                report.status().remapping()
                        ? "Re-mapping subnets to buildings (" + report.status().mapped() + " of "
                                + report.status().total()
                                + " subnets); figures as of "
                                + (report.status().figuresAsOf() == null
                                        ? "before any building file"
                                        : WHEN.format(
                                                report.status().figuresAsOf().atOffset(ZoneOffset.UTC)))
                                + "."
                        : "");
        showPath(shown);
        content.removeAll();
        if (report.rows().isEmpty()) {
            var empty = new Paragraph(
                    "No stream or session of the range is in a mapped subnet. Upload a building file under "
                            + "Administration › Locations, or see the missing subnets below.");
            empty.setId("locations-empty");
            content.add(empty);
        } else {
            content.add(chart(report), grid(report));
        }
        List<MissingSubnet> unmapped = service.missingSubnets(shown);
        missing.setItems(unmapped);
        missingSummary.setText(LocaleNumbers.format(unmapped.size(), locale) + " missing subnets");
    }

    private void showPath(LocationFilter shown) {
        path.removeAll();
        path.add(step("All regions", LocationLevel.REGION, shown.region() != null));
        if (shown.region() != null) {
            path.add(new Span("›"), step(label(shown.region()), LocationLevel.CITY, shown.city() != null));
        }
        if (shown.city() != null) {
            path.add(new Span("›"), step(label(shown.city()), LocationLevel.BUILDING, shown.building() != null));
        }
        if (shown.building() != null) {
            path.add(new Span("›"), new Span(label(shown.building())));
        }
    }

    private Component step(String text, LocationLevel level, boolean link) {
        if (!link) {
            return new Span(text);
        }
        var button = new Button(text, click -> show(filter.upTo(level)));
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        button.setId("path-" + level.name().toLowerCase(Locale.ROOT));
        return button;
    }

    private Grid<LocationFigures> grid(LocationReport report) {
        LocationLevel level = report.filter().level();
        var grid = new Grid<LocationFigures>();
        grid.setId("location-table");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(report.rows().size() <= 50);
        grid.addComponentColumn(row -> {
                    if (level == LocationLevel.SUBNET) {
                        return new Span(row.value());
                    }
                    var button = new Button(label(row.value()), click -> show(filter.into(row.value())));
                    button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
                    button.addClassName("drill-down");
                    return button;
                })
                .setHeader(level.label())
                .setAutoWidth(true)
                .setFlexGrow(1);
        grid.addComponentColumn(row -> streams(row, level))
                .setHeader("Streams")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(row -> percent(row.poorPercent()))
                .setHeader("Poor %")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(row -> LocaleNumbers.format(row.attempts(), locale))
                .setHeader("Sessions attempted")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(row -> percent(row.setupFailurePercent()))
                .setHeader("Setup failure %")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(row -> percent(row.dropFailurePercent()))
                .setHeader("Drop failure %")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.setItems(report.rows());
        return grid;
    }

    /**
     * The streams link to their sessions for the roles that read session details: those in the row's place (and, for
     * a subnet, that subnet) by the building file of each stream's day, so session details counts the same streams.
     */
    private Component streams(LocationFigures row, LocationLevel level) {
        String text = LocaleNumbers.format(row.streams(), locale);
        if (!drillThrough || row.streams() == 0) {
            return new Span(text);
        }
        Place place = switch (level) {
            case REGION -> new Place(row.value(), null, null);
            case CITY -> new Place(filter.region(), row.value(), null);
            case BUILDING -> new Place(filter.region(), filter.city(), row.value());
            case SUBNET -> new Place(filter.region(), filter.city(), filter.building());
        };
        Map<QualitySplit, String> subnet =
                level == LocationLevel.SUBNET ? Map.of(QualitySplit.SUBNET, row.value()) : Map.of();
        var link = DrillThroughLink.of(new QualityFilter(filter.from(), filter.to(), filter.modality(), subnet, place));
        var anchor = new Anchor(link.toString(), text);
        anchor.addClassName("drill-through");
        return anchor;
    }

    private Chart chart(LocationReport report) {
        var chart = new Chart(ChartType.BAR);
        chart.setId("location-chart");
        List<LocationFigures> rows = report.rows().stream().limit(CHART_ROWS).toList();
        chart.setHeight(Math.max(140, 40 + 26 * rows.size()) + "px");
        chart.setWidth("min(100%, 720px)");
        Configuration conf = chart.getConfiguration();
        conf.setTitle("");
        conf.getChart().setAnimation(false);
        conf.getxAxis()
                .setCategories(rows.stream()
                        .map(row -> label(row.value()) + " (" + LocaleNumbers.format(row.streams(), locale) + ")")
                        .toArray(String[]::new));
        conf.getyAxis().setTitle("%");
        conf.getyAxis().setMin(0);
        var poor = new DataSeries("Poor %");
        var setup = new DataSeries("Setup failure %");
        var drop = new DataSeries("Drop failure %");
        for (LocationFigures row : rows) {
            poor.add(new DataSeriesItem(label(row.value()), rounded(row.poorPercent())));
            setup.add(new DataSeriesItem(label(row.value()), rounded(row.setupFailurePercent())));
            drop.add(new DataSeriesItem(label(row.value()), rounded(row.dropFailurePercent())));
        }
        conf.addSeries(poor);
        conf.addSeries(setup);
        conf.addSeries(drop);
        return chart;
    }

    private StreamedExports.@Nullable Download prepareExport(ExportFormat format) {
        if (format != ExportFormat.CSV) {
            return null;
        }
        LocationFilter exported = filter;
        return new StreamedExports.Download(
                "missing-subnets-" + exported.from() + "-" + exported.to() + ".csv",
                service.missingSubnets(exported).size(),
                (out, progress) -> service.exportMissingSubnets(exported, out, progress));
    }

    private static @Nullable Double rounded(@Nullable Double value) {
        return value == null ? null : Math.round(value * 100) / 100.0;
    }

    private String percent(@Nullable Double value) {
        return value == null ? "–" : String.format(locale, "%.1f", value);
    }

    private static String label(String value) {
        return value.isEmpty() ? NONE : value;
    }
}
