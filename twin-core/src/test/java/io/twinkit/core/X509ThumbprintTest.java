package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import org.junit.jupiter.api.Test;

class X509ThumbprintTest {

    @Test
    void noneHasNeitherThumbprint() {
        X509Thumbprint none = X509Thumbprint.none();

        assertThat(none.primary()).isNull();
        assertThat(none.secondary()).isNull();
        assertThat(none.primaryThumbprint()).isEmpty();
        assertThat(none.secondaryThumbprint()).isEmpty();
        assertThat(none).isEqualTo(new X509Thumbprint(null, null));
    }

    @Test
    void accessorsExposeEachThumbprint() {
        X509Thumbprint thumbprint = new X509Thumbprint("9E2AB4", "1F3C");

        assertThat(thumbprint.primaryThumbprint()).contains("9E2AB4");
        assertThat(thumbprint.secondaryThumbprint()).contains("1F3C");
        assertThat(new X509Thumbprint("9E2AB4", null).secondaryThumbprint()).isEmpty();
        assertThat(new X509Thumbprint(null, "1F3C").primaryThumbprint()).isEmpty();
    }

    @Test
    void equalityComparesBothThumbprints() {
        assertThat(new X509Thumbprint("A", "B")).isEqualTo(new X509Thumbprint("A", "B"))
                .hasSameHashCodeAs(new X509Thumbprint("A", "B"));
        assertThat(new X509Thumbprint("A", "B")).isNotEqualTo(new X509Thumbprint("B", "A"));
        assertThat(new X509Thumbprint("A", null)).isNotEqualTo(X509Thumbprint.none());
        assertThat(new X509Thumbprint("a", null)).isNotEqualTo(new X509Thumbprint("A", null));
    }

    @Test
    void twinReadsAndWritesThumbprints() {
        JsonObject json = JsonValue.parseObject("{\"deviceId\":\"d\",\"authenticationType\":\"selfSigned\","
                + "\"x509Thumbprint\":{\"primaryThumbprint\":\"9E2AB4\",\"secondaryThumbprint\":null}}");

        TwinDocument twin = TwinDocument.fromJson(json);

        assertThat(twin.x509Thumbprint()).contains(new X509Thumbprint("9E2AB4", null));
        assertThat(twin.toJson()).isEqualTo(json);
    }

    @Test
    void missingThumbprintMembersReadAsUnset() {
        TwinDocument twin = TwinDocument.fromJson(JsonValue.parseObject("{\"deviceId\":\"d\",\"x509Thumbprint\":{}}"));

        assertThat(twin.x509Thumbprint()).contains(X509Thumbprint.none());
    }
}
