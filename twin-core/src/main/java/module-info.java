/**
 * twin-core: the typed, immutable device twin model, merge patches, IoT Hub's limits, the JSON tree and its text
 * form, the mapping of twins to records and POJOs, and IoT Plug and Play writable-property acknowledgements.
 *
 * <p>Every package is API. Jackson's databind appears only in {@code io.twinkit.core.jackson}, the bridge to a
 * user's own {@code ObjectMapper}.
 */
module io.twinkit.core {
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires static transitive org.jspecify;

    exports io.twinkit.core;
    exports io.twinkit.core.error;
    exports io.twinkit.core.json;
    exports io.twinkit.core.jackson;
    exports io.twinkit.core.pnp;
    exports io.twinkit.core.validation;
}
