package org.commsportal.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client version table of docs/call-quality.md, agent by agent. */
class ClientVersionsTest {

    /** User agents as the vendor's clients, the demo generator, the importers and the docs write them. */
    static final Map<String, String> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("UCCAPI/16.0.4849.1000 OC/16.0.4849.1000 (Skype for Business)", "Skype for Business 2016 16.0.x");
        EXAMPLES.put("UCCAPI/16.0.4549.1000 OC/16.0.4549.1000 (Skype for Business)", "Skype for Business 2016 16.0.x");
        EXAMPLES.put("UCCAPI/16.0", "Skype for Business 2016 16.0.x");
        EXAMPLES.put("UCCAPI/15.0.5023.1000 OC/15.0.5023.1000 (Skype for Business)", "Lync 2013 15.0.x");
        EXAMPLES.put("UCCAPI/15.0.4569.1503 OC/15.0.4569.1503 (Microsoft Lync)", "Lync 2013 15.0.x");
        EXAMPLES.put("OC/4.0.7577.4484 (Microsoft Lync 2010)", "Lync 2010 4.0.x");
        EXAMPLES.put("OC/17.1.2.3 (Skype for Business)", "Skype for Business or Lync 17.1.x");
        EXAMPLES.put("Teams/1.6.00.1381", "Teams 1.6");
        EXAMPLES.put("RTCC/7.0.0.0 UCWA/7.0.0.0 TeamsDesktop/1.0", "Teams 1.0");
        EXAMPLES.put("teams 24295.605", "Teams 24295.605");
        EXAMPLES.put("Microsoft Teams", "Teams");
        EXAMPLES.put("RTCC/7.0.0.0 AVMCU", "Conferencing or mediation server");
        EXAMPLES.put("Conferencing", "Conferencing or mediation server");
        EXAMPLES.put("UCWA/5.0.0.0 WPLync/5.4.1087.0 (Windows Phone 8.0)", "Windows Phone 5.4");
        EXAMPLES.put("UCWA/6.0.0.0 iPadLync/6.22.0.0 (iPad iOS 12.1)", "iPad 6.22");
        EXAMPLES.put("UCWA/6.0.0.0 iPhoneLync/6.22.0.0 (iPhone iOS 12.1)", "iPhone 6.22");
        EXAMPLES.put("UCCAPI/6.16.0.0 iOS 11.2", "iPhone 11.2");
        EXAMPLES.put("UCWA/6.0.0.0 AndroidLync/6.22.0.0 (Android 9)", "Android 6.22");
        EXAMPLES.put("SfBMac/16.24.0.0 (Skype for Business for Mac)", "Mac 16.x");
        EXAMPLES.put("MacLync/14.0.11 (Mac OS X 10.13)", "Mac 14.x");
        EXAMPLES.put("LWA/16.0.0.0 (Skype for Business Web App)", "Web App 16.0");
        EXAMPLES.put("Skype Web App Plug-in (Windows NT 10.0)", "Web App 10.0"); // the first number after the token
        EXAMPLES.put("Skype Web App Plug-in", "Web App");
        EXAMPLES.put("CPE/6.0.9319.510 (Polycom VVX 500)", "IP phone 6.0");
        EXAMPLES.put("RoomSystem/2.1.0 (Conference Room)", ClientVersions.OTHER);
        EXAMPLES.put("   ", ClientVersions.OTHER);
        EXAMPLES.put("Ünïcode/16.0 OC/16.0.1 ☎", "Skype for Business 2016 16.0.x");
        EXAMPLES.put("TEAMS/2.3.4 😀", "Teams 2.3");
        EXAMPLES.put("", "");
    }

    @Test
    void every_example_agent_is_grouped_by_product_and_version() {
        EXAMPLES.forEach((agent, group) ->
                assertThat(ClientVersions.groupOf(agent)).as(agent).isEqualTo(group));
    }

    @Test
    void no_agent_is_empty_and_an_unknown_agent_is_other() {
        assertThat(ClientVersions.groupOf(null)).isEmpty();
        assertThat(ClientVersions.groupOf("SomethingNew/1.0")).isEqualTo(ClientVersions.OTHER);
    }

    @Test
    void folding_lower_cases_ascii_and_turns_every_other_code_point_into_a_question_mark() {
        assertThat(ClientVersions.fold("AbÜ😀z")).isEqualTo("ab??z");
    }
}
