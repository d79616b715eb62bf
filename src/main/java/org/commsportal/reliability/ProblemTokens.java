package org.commsportal.reliability;

import java.util.Locale;
import java.util.Set;

/**
 * The vendor's Rate My Call problem tokens, grouped as the feedback page shows them (docs/reliability.md): video tokens
 * name the picture, audio tokens the sound; the rest (a dropped call, audio and video out of sync) is other.
 */
public final class ProblemTokens {

    public enum Group {
        AUDIO("Audio"),
        VIDEO("Video"),
        OTHER("Other");

        private final String label;

        Group(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final Set<String> AUDIO = Set.of(
            "distortedspeech",
            "electronicfeedback",
            "backgroundnoise",
            "noiselevel",
            "muffledspeech",
            "echo",
            "lowvolume",
            "nospeech",
            "talkingovereachother",
            "volumelow");

    private static final Set<String> VIDEO = Set.of(
            "frozenvideo", "pixelatedvideo", "blurryimage", "poorcolor", "darkvideo", "novideo", "freezingvideo");

    private ProblemTokens() {}

    public static Group group(String token) {
        String key = token.toLowerCase(Locale.ROOT);
        if (VIDEO.contains(key)) {
            return Group.VIDEO;
        }
        if (AUDIO.contains(key)) {
            return Group.AUDIO;
        }
        return Group.OTHER;
    }
}
