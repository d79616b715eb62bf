package org.commsportal.deviceusage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The platform table of docs/device-usage.md, string by string, and its SQL twin in changeset 017. */
class ClientPlatformsTest {

    /** Client versions as the vendor's clients, the demo generator and the ingest docs write them. */
    private static final Map<String, Platform> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("UCCAPI/16.0.4849.1000 OC/16.0.4849.1000 (Skype for Business)", Platform.WINDOWS);
        EXAMPLES.put("UCCAPI/15.0.4569.1503 OC/15.0.4569.1503 (Microsoft Lync)", Platform.WINDOWS);
        EXAMPLES.put("OC/4.0.7577.4484 (Microsoft Lync 2010)", Platform.WINDOWS);
        EXAMPLES.put("UCCAPI/16.0.4849", Platform.WINDOWS); // docs/ingest.md's example
        EXAMPLES.put("UCCAPI/16.0", Platform.WINDOWS);
        EXAMPLES.put("UCWA/5.0.0.0 WPLync/5.4.1087.0 (Windows Phone 8.0)", Platform.WINDOWS_PHONE);
        EXAMPLES.put("UCCAPI/6.16.0.0 WindowsPhone (Windows Phone 10)", Platform.WINDOWS_PHONE);
        EXAMPLES.put("UCCAPI/6.16.0.0 iOS 11.2 (iPad)", Platform.IPAD);
        EXAMPLES.put("UCWA/6.0.0.0 iPadLync/6.22.0.0 (iPad iOS 12.1)", Platform.IPAD);
        EXAMPLES.put("UCWA/6.0.0.0 iPhoneLync/6.22.0.0 (iPhone iOS 12.1)", Platform.IPHONE);
        EXAMPLES.put("UCCAPI/6.16.0.0 iOS 11.2", Platform.IPHONE);
        EXAMPLES.put("UCWA/6.0.0.0 AndroidLync/6.22.0.0 (Android 9)", Platform.ANDROID_PHONE);
        EXAMPLES.put("UCCAPI/6.16.0.0 Android 7.0 (Skype for Business)", Platform.ANDROID_PHONE);
        EXAMPLES.put("SfBMac/16.24.0.0 (Skype for Business for Mac)", Platform.MAC);
        EXAMPLES.put("MacLync/14.0.11 (Mac OS X 10.13)", Platform.MAC);
        EXAMPLES.put("LWA/16.0.0.0 (Skype for Business Web App)", Platform.WEB);
        EXAMPLES.put("UCCAPI/16.0 Web/browser (Chrome 120)", Platform.WEB);
        EXAMPLES.put("Skype Web App Plug-in (Windows NT 10.0)", Platform.WEB);
        EXAMPLES.put("CPE/6.0.9319.510 (Polycom VVX 500)", Platform.OTHER);
        EXAMPLES.put("RoomSystem/2.1.0 (Conference Room)", Platform.OTHER);
        EXAMPLES.put("", Platform.OTHER);
        EXAMPLES.put("   ", Platform.OTHER);
        EXAMPLES.put("İOS ÏPAD wíndows", Platform.OTHER); // only ASCII letters fold: no token matches
        EXAMPLES.put("UCCAPI/16.0 (İPad)", Platform.WINDOWS); // İ is not I: "uccapi/" decides
    }

    @Test
    void every_example_client_version_gets_its_platform() {
        EXAMPLES.forEach((agent, platform) ->
                assertThat(ClientPlatforms.platformOf(agent)).as(agent).isEqualTo(platform));
    }

    @Test
    void matching_ignores_ascii_case_only() {
        assertThat(ClientPlatforms.platformOf("ucwa/6 IPHONELYNC/6")).isEqualTo(Platform.IPHONE);
        assertThat(ClientPlatforms.fold("AbZ éx😀")).isEqualTo("abz ?x??");
    }

    @Test
    void an_absent_client_version_is_other() {
        assertThat(ClientPlatforms.platformOf(null)).isEqualTo(Platform.OTHER);
        assertThat(ClientPlatforms.isClient(null)).isTrue();
    }

    @Test
    void servers_speaking_for_a_party_are_no_client() {
        for (String server : new String[] {"Conferencing Server", "Mediation Server", "RTCC/7.0.0.0 AVMCU"}) {
            assertThat(ClientPlatforms.isClient(server)).as(server).isFalse();
        }
        assertThat(ClientPlatforms.isClient("CPE/6.0 (Polycom VVX 500)")).isTrue();
    }

    @Test
    void each_rules_example_gets_the_rules_platform() {
        for (ClientPlatforms.Rule rule : ClientPlatforms.RULES) {
            if (rule.platform() != null) {
                assertThat(ClientPlatforms.platformOf(rule.example()))
                        .as(rule.example())
                        .isEqualTo(rule.platform());
            }
        }
    }

    @Test
    void changeset_017_fills_the_read_model_with_the_same_table() throws IOException {
        String changeset = Files.readString(Path.of("src/main/resources/db/changelog/017-device-usage.sql"));
        assertThat(changeset.replaceAll("\\s+", " ")).contains(ClientPlatforms.SQL_PLATFORM.replaceAll("\\s+", " "));
    }
}
