package org.commsportal.pstn;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.jspecify.annotations.Nullable;

/** Telephone numbers as the PSTN usage page shows and places them (docs/pstn-usage.md). */
public final class PhoneNumbers {

    private static final PhoneNumberUtil NUMBERS = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {}

    /** The last four digits become x, as everywhere in the portal: +14255550123 reads +1425555xxxx. */
    public static @Nullable String masked(@Nullable String number) {
        if (number == null) {
            return null;
        }
        char[] chars = number.toCharArray();
        int masked = 0;
        for (int i = chars.length - 1; i >= 0 && masked < 4; i--) {
            if (Character.isDigit(chars[i])) {
                chars[i] = 'x';
                masked++;
            }
        }
        return new String(chars);
    }

    /**
     * The ISO 3166 region of an international number (one that starts with + and its country code), by Google's
     * libphonenumber: the region whose numbering plan the number fits, else the main region of its country code
     * (+1 numbers outside the plans' ranges are US). Null for a number without a country code or an unknown one.
     */
    public static @Nullable String country(@Nullable String number) {
        if (number == null || !number.strip().startsWith("+")) {
            return null;
        }
        try {
            var parsed = NUMBERS.parse(number, "ZZ");
            String region = NUMBERS.getRegionCodeForNumber(parsed);
            if (region == null || region.equals("ZZ") || region.equals("001")) {
                region = NUMBERS.getRegionCodeForCountryCode(parsed.getCountryCode());
            }
            return region == null || region.equals("ZZ") || region.equals("001") ? null : region;
        } catch (NumberParseException notANumber) {
            return null;
        }
    }
}
