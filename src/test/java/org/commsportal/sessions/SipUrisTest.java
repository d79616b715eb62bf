package org.commsportal.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SipUrisTest {

    @Test
    void the_upn_of_a_sip_uri_drops_the_scheme_the_parameters_and_the_case() {
        assertThat(SipUris.upn("sip:Ada.Adams@Contoso.example;gruu;opaque=app:conf:focus:id:1A2B"))
                .isEqualTo("ada.adams@contoso.example");
        assertThat(SipUris.upn("SIP:ben@contoso.example")).isEqualTo("ben@contoso.example");
        assertThat(SipUris.upn("ben@contoso.example")).isEqualTo("ben@contoso.example");
    }

    @Test
    void a_telephone_uri_keeps_its_number_so_it_never_matches_a_licensed_user() {
        assertThat(SipUris.upn("sip:+14255550123@contoso.example;user=phone"))
                .isEqualTo("+14255550123@contoso.example");
    }
}
