package org.commsportal.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.NumberFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Whole numbers as each locale writes them, with the formats kept per thread. */
class LocaleNumbersTest {

    @Test
    void numbers_are_grouped_as_each_locale_writes_them_however_many_locales_a_thread_has_seen() {
        for (int round = 0; round < 3; round++) {
            for (Locale locale : Locale.getAvailableLocales()) {
                assertThat(LocaleNumbers.format(1_234_567, locale))
                        .as(locale.toLanguageTag())
                        .isEqualTo(NumberFormat.getIntegerInstance(locale).format(1_234_567));
            }
        }
        assertThat(LocaleNumbers.format(2451, Locale.ENGLISH)).isEqualTo("2,451");
        assertThat(LocaleNumbers.format(2451, Locale.GERMAN)).isEqualTo("2.451");
    }
}
