package org.commsportal.sessions;

/** The vendor's MediaList, ids 1..7. */
public enum Modality {
    IM(1, "IM"),
    FILE_TRANSFER(2, "File Transfer"),
    REMOTE_ASSISTANCE(3, "Remote Assistance"),
    APPLICATION_SHARING(4, "Application Sharing"),
    AUDIO(5, "Audio"),
    VIDEO(6, "Video"),
    APP_INVITE(7, "App Invite");

    private final int id;
    private final String label;

    Modality(int id, String label) {
        this.id = id;
        this.label = label;
    }

    public int id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The bit of this type in a session's media mask. */
    public int bit() {
        return 1 << (id - 1);
    }

    /** Whether a session's media mask includes audio or video (what makes its parties active users). */
    public static boolean audioOrVideo(int mediaMask) {
        return (mediaMask & (AUDIO.bit() | VIDEO.bit())) != 0;
    }

    public static Modality ofId(int id) {
        for (Modality type : values()) {
            if (type.id == id) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown media type id " + id);
    }
}
