package io.twinkit.core;

import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.time.Instant;
import nl.jqno.equalsverifier.EqualsVerifier;
import nl.jqno.equalsverifier.Warning;
import nl.jqno.equalsverifier.api.SingleTypeEqualsVerifierApi;
import org.junit.jupiter.api.Test;

/** The equals/hashCode contract of every value type, checked by EqualsVerifier. */
class ValueTypesEqualsTest {

    private static final JsonObject RED_OBJECT = JsonObject.of("red", JsonNumber.of(1));
    private static final JsonObject BLUE_OBJECT = JsonObject.of("blue", JsonString.of("b"));

    /** Adds real JSON values: EqualsVerifier cannot build the JSON classes field by field. */
    private static <T> SingleTypeEqualsVerifierApi<T> verifier(Class<T> type) {
        return EqualsVerifier.forClass(type)
                .withPrefabValues(JsonObject.class, RED_OBJECT, BLUE_OBJECT)
                .withPrefabValues(JsonValue.class, JsonString.of("red"), JsonNumber.of(2))
                .withPrefabValues(JsonArray.class, JsonArray.of(JsonNumber.of(1)), JsonArray.of(JsonString.of("b")))
                .withPrefabValues(TwinPath.class, TwinPath.parse("red"), TwinPath.parse("blue.x"))
                .withPrefabValues(PropertySet.class, PropertySet.of(RED_OBJECT), PropertySet.of(BLUE_OBJECT))
                .withPrefabValues(PropertyMetadata.class,
                        PropertyMetadata.stamped(Instant.parse("2024-01-01T00:00:00Z"), 1),
                        PropertyMetadata.stamped(Instant.parse("2024-01-02T00:00:00.5Z"), -1))
                .withPrefabValues(PropertySection.class, PropertySection.of(PropertySet.of(RED_OBJECT), 1),
                        PropertySection.of(PropertySet.of(BLUE_OBJECT)));
    }

    @Test
    void deviceId() {
        // equals lives in RegistryId and compares classes (a device id never equals a module id); its field is never
        // null (of() refuses null), but EqualsVerifier reads @NullMarked only for fields declared in the checked class
        verifier(DeviceId.class).usingGetClass().suppress(Warning.NULL_FIELDS).verify();
    }

    @Test
    void moduleId() {
        // equals lives in RegistryId and compares classes (a device id never equals a module id); its field is never
        // null (of() refuses null), but EqualsVerifier reads @NullMarked only for fields declared in the checked class
        verifier(ModuleId.class).usingGetClass().suppress(Warning.NULL_FIELDS).verify();
    }

    @Test
    void etag() {
        verifier(ETag.class).verify();
    }

    @Test
    void twinPath() {
        verifier(TwinPath.class).verify();
    }

    @Test
    void x509Thumbprint() {
        verifier(X509Thumbprint.class).verify();
    }

    @Test
    void capabilities() {
        verifier(Capabilities.class).verify();
    }

    @Test
    void propertySet() {
        verifier(PropertySet.class).verify();
    }

    @Test
    void propertySection() {
        verifier(PropertySection.class).verify();
    }

    @Test
    void propertyMetadata() {
        // path only feeds error messages: the same node found at two places is the same value
        verifier(PropertyMetadata.class).withIgnoredFields("path").verify();
    }

    @Test
    void mergePatch() {
        verifier(MergePatch.class).verify();
    }

    @Test
    void twinDocument() {
        // hashCode deliberately covers only the identifying fields and sections, a subset of what equals compares,
        // which the contract allows; STRICT_HASHCODE would demand every field
        verifier(TwinDocument.class).suppress(Warning.STRICT_HASHCODE).verify();
    }
}
