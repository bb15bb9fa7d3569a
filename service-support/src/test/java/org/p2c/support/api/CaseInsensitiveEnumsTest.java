package org.p2c.support.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaseInsensitiveEnumsTest {

    enum Region { AFRICA, ASIA_PACIFIC }

    record Body(Region region) {
    }

    private final ObjectMapper json = new ObjectMapper();

    CaseInsensitiveEnumsTest() {
        new CaseInsensitiveEnums().customize(json);
    }

    @Test
    void anEnumValueInABodyIsReadInAnyCaseAndWrittenAsItsName() throws Exception {
        Body body = json.readValue("{\"region\": \"asia_pacific\"}", Body.class);

        assertThat(body.region()).isEqualTo(Region.ASIA_PACIFIC);
        assertThat(json.writeValueAsString(body)).isEqualTo("{\"region\":\"ASIA_PACIFIC\"}");
    }

    @Test
    void anUnknownValueIsStillRefused() {
        assertThatThrownBy(() -> json.readValue("{\"region\": \"mars\"}", Body.class)).isInstanceOf(InvalidFormatException.class);
    }
}
