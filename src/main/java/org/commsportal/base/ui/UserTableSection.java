package org.commsportal.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The "Users" section under a usage report's charts: the "user name contains" filter, the chosen day as a removable
 * chip, how many users the table holds, the column chooser and the exports above the grid, which fills the window
 * under them whatever its height.
 */
public final class UserTableSection extends VerticalLayout implements ReportLink.UserFilter {

    private final Span dayMarker = new Span();
    private final HorizontalLayout dayChip = new HorizontalLayout();
    private final Span userCount = new Span();
    private final TextField filter = new TextField();

    public UserTableSection(
            Grid<?> table,
            Consumer<String> onFilter,
            Runnable onWholePeriod,
            Component columnChooser,
            StreamedExports exports) {
        filter.setId("user-filter");
        filter.setPlaceholder("User name contains");
        filter.setAriaLabel("User name contains");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(event -> onFilter.accept(event.getValue()));

        dayMarker.setId("day-marker");
        var removeDay = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> onWholePeriod.run());
        removeDay.setId("remove-day");
        removeDay.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        removeDay.setAriaLabel("Show the whole period");
        dayChip.add(dayMarker, removeDay);
        dayChip.setSpacing(false);
        dayChip.setAlignItems(FlexComponent.Alignment.CENTER);
        dayChip.getElement().getThemeList().add("badge pill");
        dayChip.setVisible(false);

        userCount.setId("user-count");
        var toolbar = new HorizontalLayout(filter, dayChip, userCount, new Div(), columnChooser, exports);
        toolbar.setWidthFull();
        toolbar.setWrap(true); // on a phone the exports go to a second line instead of off the screen
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        toolbar.expand(toolbar.getComponentAt(3));

        add(new H3("Users"), toolbar, table);
        setPadding(false);
        setWidthFull();
        // Below the charts: scrolled to, the table fills the window under the toolbar, whatever its height
        table.setHeight("calc(100vh - 9rem)");
        table.setMinHeight("22rem");
    }

    /** The "user name contains" text. */
    @Override
    public String filterText() {
        return filter.getValue();
    }

    /** Types the text into the filter, which filters the table as if the viewer had typed it. */
    @Override
    public void filterBy(String text) {
        filter.setValue(text);
    }

    /**
     * Shows the chosen day (none: the whole period) and the table's size: "286 users", or "15 of 286 users" while a
     * filter leaves fewer.
     */
    public void show(@Nullable LocalDate day, long shown, long all, boolean filtered) {
        dayChip.setVisible(day != null);
        dayMarker.setText(day == null ? "" : "day: " + day);
        if (!filtered) {
            userCount.setText(shown + (shown == 1 ? " user" : " users"));
        } else {
            userCount.setText(shown + " of " + all + (all == 1 ? " user" : " users"));
        }
    }
}
