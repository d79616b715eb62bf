package org.commsportal.deviceusage;

/**
 * A client platform of the device usage report: the vendor's five (Windows, Windows Phone, Android phone, iPhone,
 * iPad), Mac and Web, which the data shows as well, and Other for every client version the table of
 * {@link ClientPlatforms} does not recognise. The code is what the read model stores.
 */
public enum Platform {
    WINDOWS("Windows"),
    WINDOWS_PHONE("Windows Phone"),
    ANDROID_PHONE("Android phone"),
    IPHONE("iPhone"),
    IPAD("iPad"),
    MAC("Mac"),
    WEB("Web"),
    OTHER("Other");

    private final String label;

    Platform(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The number stored in {@code device_usage_day.platform}. */
    public int code() {
        return ordinal();
    }

    public static Platform ofCode(int code) {
        return values()[code];
    }
}
