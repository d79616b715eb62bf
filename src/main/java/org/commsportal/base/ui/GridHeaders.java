package org.commsportal.base.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;

/**
 * Headers of grid columns whose values are aligned at the column's end (counts, minutes, codes): the header text
 * ends where the values end, with the sort arrows before it. Vaadin's column alignment moves the values only, so a
 * small page-wide style does the headers (docs/pages.md).
 */
public final class GridHeaders {

    /** The class that marks a header whose text lines up with its column's end. */
    public static final String END = "portal-header-end";

    private static final String STYLE = """
            vaadin-grid-cell-content:has(.portal-header-end) { text-align: end; }
            vaadin-grid-sorter:has(.portal-header-end)::part(indicators) {
                order: -1; margin-left: 0; margin-right: var(--lumo-space-xs);
            }
            """;

    private GridHeaders() {}

    /** A header text for an end-aligned column of the grid. */
    public static Span endAligned(Grid<?> grid, String text) {
        var header = new Span(text);
        header.addClassName(END);
        installStyle(grid);
        return header;
    }

    /** Puts the style that lines up end-aligned headers into the grid's page, once per page. */
    public static void installStyle(Grid<?> grid) {
        grid.addAttachListener(attach -> attach.getUI().getPage().executeJs("""
                if (!document.getElementById('portal-grid-headers')) {
                    const style = document.createElement('style');
                    style.id = 'portal-grid-headers';
                    style.textContent = $0;
                    document.head.appendChild(style);
                }
                """, STYLE));
    }
}
