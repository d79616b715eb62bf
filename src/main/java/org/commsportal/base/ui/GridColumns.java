package org.commsportal.base.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.function.ValueProvider;

/**
 * How the portal's tables size their columns (docs/pages.md): to their headers and the rows shown, every column
 * resizable by dragging its header's edge, the first one frozen while the others scroll sideways; a column of long
 * free text (roles, audit details) wraps instead of cutting its text short.
 */
public final class GridColumns {

    private GridColumns() {}

    /**
     * Makes every column of the grid resizable and freezes the first. Call it once the columns are added.
     *
     * <p>Widths are measured again whenever fonts finish loading: a grid whose rows come with the page is measured
     * before the icon font of the sort arrows has loaded, which then takes a few pixels from the header texts.
     */
    public static void resizableWithFirstFrozen(Grid<?> grid) {
        grid.getColumns().forEach(column -> column.setResizable(true));
        if (!grid.getColumns().isEmpty()) {
            grid.getColumns().get(0).setFrozen(true);
        }
        grid.addAttachListener(attach -> grid.getElement().executeJs("""
                const grid = this;
                const again = () => {
                    if (!grid.isConnected) {
                        document.fonts.removeEventListener('loadingdone', again);
                        return;
                    }
                    requestAnimationFrame(() => grid.recalculateColumnWidths());
                };
                document.fonts.addEventListener('loadingdone', again);
                """));
    }

    /**
     * A cell text that wraps onto further lines where the column is narrower than it, breaking long words if it
     * must, so that no part of it is hidden.
     */
    public static <T> LitRenderer<T> wrappingText(ValueProvider<T, String> text) {
        return LitRenderer.<T>of("<span style=\"white-space: normal; overflow-wrap: anywhere\">${item.text}</span>")
                .withProperty("text", text);
    }
}
