package org.commsportal.base.ui;

import com.vaadin.flow.component.charts.ChartOptions;
import com.vaadin.flow.component.charts.model.Lang;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one number format of the portal's pages: the browser's language (the UI's locale), in chart tooltips and axis
 * labels and in tables alike, so that "2,451" never sits beside "2 451" (docs/pages.md).
 */
public final class LocaleNumbers {

    private static final int MAX_LOCALES_PER_THREAD = 16;

    /**
     * A table of 150 rows formats over a thousand numbers, and building a format for each took about 3 % of the
     * portal's CPU under load (docs/load-test.md); formats are not thread-safe, so each request thread keeps its own.
     */
    private static final ThreadLocal<Map<Locale, NumberFormat>> INTEGER_FORMATS = ThreadLocal.withInitial(HashMap::new);

    private LocaleNumbers() {}

    /**
     * Charts of the current UI write numbers in the locale's grouping and decimal separators. Every page with a
     * chart calls it: the setting belongs to the UI, and a page may be the first one opened.
     */
    public static void useInCharts(Locale locale) {
        var symbols = DecimalFormatSymbols.getInstance(locale);
        var lang = new Lang();
        lang.setThousandsSep(String.valueOf(symbols.getGroupingSeparator()));
        lang.setDecimalPoint(String.valueOf(symbols.getDecimalSeparator()));
        ChartOptions.get().setLang(lang);
    }

    /** A whole number as the locale writes it, grouped: "2,451" in English, "2.451" in German. */
    public static String format(long value, Locale locale) {
        Map<Locale, NumberFormat> formats = INTEGER_FORMATS.get();
        if (formats.size() >= MAX_LOCALES_PER_THREAD && !formats.containsKey(locale)) {
            formats.clear(); // browsers choose the locale: a stream of odd ones must not grow the map
        }
        return formats.computeIfAbsent(locale, NumberFormat::getIntegerInstance).format(value);
    }
}
