package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SharedAccessSignatureTest {

    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String SR = "myhub.azure-devices.net%2Fdevices%2Fdev1";

    @Test
    void signsTheWorkedExampleOfTheSpec() {
        assertThat(SharedAccessSignature.sign(KEY, SR, 1_700_000_000L))
                .isEqualTo("wosmA3uJK9T0mdB5CIYn+sAVA2ODflnucuvNO5S6mbM=");
        assertThat(SharedAccessSignature.create(KEY, SR, 1_700_000_000L, null)).isEqualTo("SharedAccessSignature sr="
                + SR + "&sig=wosmA3uJK9T0mdB5CIYn%2BsAVA2ODflnucuvNO5S6mbM%3D&se=1700000000");
    }

    @Test
    void signsTheExpiryAsTextSoLeadingZerosChangeTheSignature() {
        assertThat(SharedAccessSignature.sign(KEY, SR, "1700000000"))
                .isEqualTo(SharedAccessSignature.sign(KEY, SR, 1_700_000_000L));
        assertThat(SharedAccessSignature.sign(KEY, SR, "01700000000"))
                .isNotEqualTo(SharedAccessSignature.sign(KEY, SR, 1_700_000_000L));
    }

    @Test
    void namesThePolicyLast() {
        assertThat(SharedAccessSignature.create(KEY, "myhub.azure-devices.net", 1_700_000_000L, "iothubowner"))
                .startsWith("SharedAccessSignature sr=myhub.azure-devices.net&sig=")
                .endsWith("&se=1700000000&skn=iothubowner");
    }

    @Test
    void rejectsKeysThatAreNotBase64OrEmptyAndFieldsThatWouldSplitTheToken() {
        assertThatThrownBy(() -> SharedAccessSignature.sign("not base64!", SR, 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> SharedAccessSignature.sign("", SR, 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> SharedAccessSignature.create(KEY, "a&b", 1L, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'&'");
        assertThatThrownBy(() -> SharedAccessSignature.create(KEY, SR, 1L, "a&b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyName");
    }
}
