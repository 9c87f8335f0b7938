package io.leadquality.normalize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class UsStateTest {

    @ParameterizedTest
    @CsvSource({"California,CA", "california,CA", "CA,CA", "ca,CA", "New York,NY", "new  york,NY",
        "District of Columbia,DC", "Washington DC,DC", "Puerto Rico,PR", "Armed Forces Europe,AE", "' tx ',TX"})
    void readsNamesAndCodes(String text, String code) {
        assertThat(UsState.parse(text)).isEqualTo(UsState.valueOf(code));
    }

    @Test
    void rejectsWhatIsNoState() {
        assertThat(UsState.parse("Narnia")).isNull();
        assertThat(UsState.parse("XX")).isNull();
        assertThat(UsState.parse("")).isNull();
        assertThat(UsState.parse(null)).isNull();
    }

    @Test
    void coversEverySelaStateCode() {
        assertThat(UsState.values()).hasSize(59);
        assertThat(UsState.TX.zones()).hasSize(2);
        assertThat(UsState.AE.zones()).isEmpty();
    }
}
