package org.commsportal.sessiondetails.ui;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.dnd.DragSource;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.treegrid.TreeGrid;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.provider.hierarchy.AbstractBackEndHierarchicalDataProvider;
import com.vaadin.flow.data.provider.hierarchy.HierarchicalQuery;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.commsportal.base.ui.GridHeaders;
import org.commsportal.sessiondetails.GroupFilter;
import org.commsportal.sessiondetails.SessionColumn;
import org.commsportal.sessiondetails.SessionDetailsService;
import org.commsportal.sessiondetails.SessionSearch;
import org.jspecify.annotations.Nullable;

/**
 * The result table: sessions, or groups nested in the order their columns were dragged into the group-by bar.
 * Every level is a GROUP BY or a page of sessions in the database; nothing is loaded before it is shown.
 * Clicking a session opens its quality sub-tabs below it.
 */
final class SessionTree extends TreeGrid<SessionNode> {

    static final String GROUP_COLUMN = "group";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final SessionDetailsService service;
    private final List<SessionColumn> grouping = new ArrayList<>();
    private @Nullable SessionSearch search;
    /**
     * Whether the search on show may be sorted by another column than the start time and grouped
     * ({@link SessionDetailsService#sortsAndGroups}); when not, the grouping waits for a narrower search and only the
     * start time column sorts.
     */
    private boolean sortsAndGroups = true;

    SessionTree(SessionDetailsService service, ZoneId zone) {
        this.service = service;
        setId("session-table");
        setMultiSort(false);
        setEmptyStateText("No sessions: choose a user and a range, then Search.");
        // Widths in rem, not em: header cells have a smaller font, and em widths misaligned headers and values
        addHierarchyColumn(this::groupLabel)
                .setKey(GROUP_COLUMN)
                .setHeader("Group")
                .setWidth("30rem")
                .setFlexGrow(0)
                .setResizable(true)
                .setFrozen(true)
                .setSortable(false);
        getColumnByKey(GROUP_COLUMN).setVisible(false);
        for (SessionColumn column : SessionColumn.values()) {
            var gridColumn = addColumn(node ->
                            node instanceof SessionNode.Session session ? text(column.valueOf(session.row())) : "")
                    .setKey(column.name())
                    .setHeader(header(column, zone))
                    .setSortable(true)
                    .setSortProperty(column.name())
                    .setResizable(true)
                    .setAutoWidth(true);
            if (column == SessionColumn.RESPONSE_CODE) {
                gridColumn.setTextAlign(ColumnTextAlign.END);
                ((Span) gridColumn.getHeaderComponent()).addClassName(GridHeaders.END);
            }
            if (column == SessionColumn.DIALOG_ID) {
                // Dialog ids run to 100 characters: a readable start, the whole id on hover; the first column
                // stays in view while the others scroll
                gridColumn
                        .setAutoWidth(false)
                        .setWidth("18rem")
                        .setFlexGrow(0)
                        .setFrozen(true)
                        .setTooltipGenerator(node -> node instanceof SessionNode.Session session
                                ? session.row().dialogId()
                                : "");
            }
        }
        GridHeaders.installStyle(this);
        setDataProvider(new Provider());
        setDetailsVisibleOnClick(false);
        setItemDetailsRenderer(new ComponentRenderer<>(node -> node instanceof SessionNode.Session session
                ? new QualityTabs(service.quality(session.row().id()), session.row())
                : new Span()));
        addItemClickListener(click -> {
            if (click.getItem() instanceof SessionNode.Session) {
                setDetailsVisible(click.getItem(), !isDetailsVisible(click.getItem()));
            }
        });
    }

    /** Shows the search's sessions from the first level down. */
    void show(@Nullable SessionSearch newSearch) {
        // asked before anything changes: if it fails, the tree still shows the search before with its own state
        boolean now = newSearch == null || service.sortsAndGroups(newSearch);
        search = newSearch;
        if (now != sortsAndGroups) {
            sortsAndGroups = now;
            // only on a change: each column's sortable property is a change sent to the browser
            for (SessionColumn column : SessionColumn.values()) {
                if (column != SessionColumn.START_TIME) {
                    getColumnByKey(column.name()).setSortable(sortsAndGroups);
                }
            }
            getColumnByKey(GROUP_COLUMN).setVisible(!levels().isEmpty());
        }
        if (getSortOrder().stream()
                .anyMatch(order -> !sortable(order.getSorted().getKey()))) {
            sort(new ArrayList<>()); // refreshes the rows as well
        } else {
            getDataProvider().refreshAll();
        }
        fitColumnsOnceLoaded();
    }

    /** See {@link #sortsAndGroups}. */
    boolean sortsAndGroups() {
        return sortsAndGroups;
    }

    /** The grouping in effect: none while the search on show may not be grouped. */
    private List<SessionColumn> levels() {
        return sortsAndGroups ? grouping : List.of();
    }

    private boolean sortable(@Nullable String key) {
        return sortsAndGroups || SessionColumn.START_TIME.name().equals(key);
    }

    /**
     * Sizes the columns to the rows shown, once they have arrived: widths computed on the empty table fitted
     * neither the headers nor the values.
     */
    private void fitColumnsOnceLoaded() {
        getElement().executeJs("""
                const grid = this;
                let tries = 0;
                const fit = () => {
                    if (grid.loading && tries++ < 100) {
                        setTimeout(fit, 50);
                    } else {
                        grid.recalculateColumnWidths();
                    }
                };
                setTimeout(fit, 50);
                """);
    }

    List<SessionColumn> grouping() {
        return List.copyOf(grouping);
    }

    void setGrouping(List<SessionColumn> levels) {
        grouping.clear();
        grouping.addAll(levels);
        getColumnByKey(GROUP_COLUMN).setVisible(!levels().isEmpty());
        getDataProvider().refreshAll();
    }

    /** The search with the table's current sort, as an export should write it. */
    @Nullable
    SessionSearch currentSearch() {
        return search == null
                ? null
                : sorted(
                        search,
                        getSortOrder().stream()
                                .map(order ->
                                        new QuerySortOrder(order.getSorted().getKey(), order.getDirection()))
                                .toList());
    }

    /**
     * The search in the first of the orders, or in start time order without one; an order the search on show may not
     * have (a column not sortable now, whatever the browser sends) is left out.
     */
    private SessionSearch sorted(SessionSearch search, List<QuerySortOrder> orders) {
        List<QuerySortOrder> allowed =
                orders.stream().filter(order -> sortable(order.getSorted())).toList();
        return allowed.isEmpty()
                ? search.sortedBy(null, true)
                : search.sortedBy(
                        SessionColumn.valueOf(allowed.get(0).getSorted()),
                        allowed.get(0).getDirection() == SortDirection.ASCENDING);
    }

    /** A header that can be dragged into the group-by bar; the column rides along as the drag data. */
    private static Span header(SessionColumn column, ZoneId zone) {
        var header = new Span(SessionDetailsService.header(column, zone));
        header.addClassName("session-column-header");
        header.getElement().setAttribute("data-column", column.name());
        if (column.groupable()) {
            DragSource<Span> drag = DragSource.create(header);
            drag.setDragData(column);
            ComponentUtil.setData(header, SessionColumn.class, column);
            header.getElement().setAttribute("title", "Drag into the group-by bar to group by " + column.header());
        }
        return header;
    }

    private String groupLabel(SessionNode node) {
        if (node instanceof SessionNode.Group group) {
            GroupFilter level = group.last();
            String empty = level.column() == SessionColumn.QUALITY ? SessionColumn.NO_MEDIA_STREAMS : "(empty)";
            return level.column().header() + ": " + (level.value() == null ? empty : level.value()) + " ("
                    + group.count() + ")";
        }
        return "";
    }

    private String text(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Instant instant) {
            ZoneId zone = search == null ? java.time.ZoneOffset.UTC : search.zone();
            return TIME.format(instant.atZone(zone));
        }
        return value.toString();
    }

    /** Children of the root or of a group: the next level's groups, or the sessions once every level is open. */
    private final class Provider extends AbstractBackEndHierarchicalDataProvider<SessionNode, Void> {

        @Override
        public int getChildCount(HierarchicalQuery<SessionNode, Void> query) {
            SessionSearch current = search;
            if (current == null) {
                return 0;
            }
            List<GroupFilter> path = path(query.getParent());
            List<SessionColumn> levels = levels();
            long count = path.size() < levels.size()
                    ? service.countGroups(current, path, levels.get(path.size()))
                    : service.countSessions(current, path);
            return Math.toIntExact(count);
        }

        @Override
        protected Stream<SessionNode> fetchChildrenFromBackEnd(HierarchicalQuery<SessionNode, Void> query) {
            SessionSearch current = search;
            if (current == null) {
                return Stream.empty();
            }
            List<GroupFilter> path = path(query.getParent());
            List<SessionColumn> levels = levels();
            if (path.size() < levels.size()) {
                SessionColumn column = levels.get(path.size());
                return service.groups(current, path, column, query.getOffset(), query.getLimit()).stream()
                        .map(group -> {
                            List<GroupFilter> childPath = new ArrayList<>(path);
                            childPath.add(new GroupFilter(column, group.value()));
                            return new SessionNode.Group(List.copyOf(childPath), group.count());
                        });
            }
            return service
                    .sessions(sorted(current, query.getSortOrders()), path, query.getOffset(), query.getLimit())
                    .stream()
                    .map(SessionNode.Session::new);
        }

        @Override
        public boolean hasChildren(SessionNode item) {
            return item instanceof SessionNode.Group;
        }

        private static List<GroupFilter> path(@Nullable SessionNode parent) {
            return parent instanceof SessionNode.Group group ? group.path() : List.of();
        }
    }
}
