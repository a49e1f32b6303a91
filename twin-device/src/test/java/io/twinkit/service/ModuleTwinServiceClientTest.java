package io.twinkit.service;

import io.twinkit.core.error.TwinNotFoundException;
import io.twinkit.core.error.PreconditionFailedException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.ETag;
import io.twinkit.core.MergePatch;
import io.twinkit.core.ModuleId;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.server.TwinkitEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Module twin updates and replaces against a {@link TwinkitEmulator}. */
@Timeout(60)
class ModuleTwinServiceClientTest {

    private static final DeviceId DEVICE = DeviceId.of("gateway");

    private static EmulatorService service;
    private static TwinkitEmulator emulator;
    private static IotHub hub;
    private static TwinServiceClient client;

    @BeforeAll
    static void start() {
        service = EmulatorService.start(DEVICE);
        emulator = service.emulator;
        hub = service.hub;
        client = service.client;
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static ModuleId newModule(String id) {
        ModuleId module = ModuleId.of(id);
        hub.registry().createModule(DEVICE, module);
        return module;
    }

    @Test
    void updatesAModuleTwinAndLeavesTheDeviceTwinAlone() {
        ModuleId module = newModule("sensor");
        TwinDocument deviceBefore = hub.twins().get(TwinKey.device(DEVICE));
        TwinPatch patch = new TwinPatch(MergePatch.builder().set("role", "sensor").build(),
                MergePatch.of(JsonValue.parseObject("{\"rate\":5,\"cfg\":{\"unit\":\"C\"}}")));

        TwinDocument after = client.update(TwinKey.module(DEVICE, module), patch);

        TwinDocument stored = hub.twins().get(TwinKey.module(DEVICE, module));
        assertThat(after.moduleId()).contains(module);
        assertThat(after.etag()).isEqualTo(stored.etag());
        assertThat(stored.tags().toJson()).isEqualTo(JsonValue.parseObject("{\"role\":\"sensor\"}"));
        assertThat(stored.desired().properties().toJson())
                .isEqualTo(JsonValue.parseObject("{\"rate\":5,\"cfg\":{\"unit\":\"C\"}}"));
        assertThat(hub.twins().get(TwinKey.device(DEVICE))).isEqualTo(deviceBefore);

        TwinDocument deleted = client.update(TwinKey.module(DEVICE, module),
                TwinPatch.ofDesired(MergePatch.builder().delete("cfg").build()));
        assertThat(deleted.desired().properties().toJson()).isEqualTo(JsonValue.parseObject("{\"rate\":5}"));
    }

    @Test
    void conditionalModuleUpdateFailsWithAStaleEtag() {
        ModuleId module = newModule("conditional");
        ETag first = client.getTwin(TwinKey.module(DEVICE, module)).etag().orElseThrow();
        TwinDocument updated = client.update(TwinKey.module(DEVICE, module),
                TwinPatch.ofTags(MergePatch.builder().set("a", 1).build()),
                UpdateOptions.defaults().ifMatch(first));
        assertThat(updated.tags().getLong("a")).hasValue(1);

        TwinDocument stored = hub.twins().get(TwinKey.module(DEVICE, module));
        assertThatThrownBy(() -> client.update(TwinKey.module(DEVICE, module),
                TwinPatch.ofTags(MergePatch.builder().set("a", 2).build()),
                UpdateOptions.defaults().ifMatch(first)))
                .isInstanceOfSatisfying(PreconditionFailedException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(412);
                    assertThat(e).hasMessageContaining("gateway/conditional");
                });
        assertThat(hub.twins().get(TwinKey.module(DEVICE, module))).isEqualTo(stored);
    }

    @Test
    void anEmptyModulePatchSendsNothing() {
        ModuleId module = newModule("idle");
        TwinDocument before = hub.twins().get(TwinKey.module(DEVICE, module));
        TwinDocument returned = client.update(TwinKey.module(DEVICE, module), TwinPatch.empty(),
                UpdateOptions.defaults().ifMatch(ETag.of("stale")));
        assertThat(returned.etag()).isEqualTo(before.etag());
        assertThat(returned.moduleId()).contains(module);
        assertThat(hub.twins().get(TwinKey.module(DEVICE, module))).isEqualTo(before);
    }

    @Test
    void replacesAModuleTwinWhole() {
        ModuleId module = newModule("replaced");
        hub.twins().update(TwinKey.module(DEVICE, module),
                JsonValue.parseObject("{\"tags\":{\"old\":1},\"properties\":{\"desired\":{\"old\":1}}}"), null);
        ETag etag = client.getTwin(TwinKey.module(DEVICE, module)).etag().orElseThrow();

        TwinDocument replaced = client.replace(TwinKey.module(DEVICE, module), PropertySet.parse("{\"fresh\":\"yes\"}"),
                PropertySet.parse("{\"mode\":\"eco\"}"), UpdateOptions.defaults().ifMatch(etag));

        TwinDocument stored = hub.twins().get(TwinKey.module(DEVICE, module));
        assertThat(stored.tags().toJson()).isEqualTo(JsonValue.parseObject("{\"fresh\":\"yes\"}"));
        assertThat(stored.desired().properties().toJson()).isEqualTo(JsonValue.parseObject("{\"mode\":\"eco\"}"));
        assertThat(replaced.moduleId()).contains(module);
        assertThat(replaced.tags()).isEqualTo(stored.tags());
        assertThatThrownBy(() -> client.replace(TwinKey.module(DEVICE, module), PropertySet.empty(),
                PropertySet.parse("{\"x\":1}"),
                UpdateOptions.defaults().ifMatch(etag))).isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> client.replace(TwinKey.module(DEVICE, module), PropertySet.empty(),
                PropertySet.empty(),
                UpdateOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gateway/replaced");

        client.replace(TwinKey.module(DEVICE, module), PropertySet.empty(), PropertySet.parse("{\"only\":true}"),
                UpdateOptions.defaults());
        TwinDocument cleared = hub.twins().get(TwinKey.module(DEVICE, module));
        assertThat(cleared.tags().toJson()).isEqualTo(JsonObject.empty());
        assertThat(cleared.desired().properties().toJson()).isEqualTo(JsonValue.parseObject("{\"only\":true}"));
    }

    @Test
    void anUnknownModuleIsNotFound() {
        assertThatThrownBy(() -> client.update(TwinKey.module(DEVICE, ModuleId.of("ghost")),
                TwinPatch.ofTags(MergePatch.builder().set("a", 1).build())))
                .isInstanceOfSatisfying(TwinNotFoundException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.MODULE_NOT_FOUND);
                });
    }
}
