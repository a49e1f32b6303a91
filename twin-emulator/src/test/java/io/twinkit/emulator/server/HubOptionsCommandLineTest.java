package io.twinkit.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.validation.TwinLimits;
import io.twinkit.emulator.HubOptions;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every setting of {@link HubOptions} reaches the command line: a setter added to {@link HubOptions.Builder} (or to
 * {@link TwinLimits.Builder}) without its option fails here, and so does an option that no longer changes its
 * setting.
 */
class HubOptionsCommandLineTest {

    /** Builder methods that are no setting a command line can give. */
    private static final Set<String> NOT_SETTINGS = Set.of("clock", "toBuilder", "build");

    /** Setters whose options are not their names in kebab case. */
    private static final Map<String, List<String>> OPTIONS = Map.of(
            "dataDirectory", List.of("--data-dir"),
            "throttling", List.of("--throttling-tier", "--throttling-units"),
            "pageSizes", List.of("--default-page-size", "--max-page-size"),
            "acceptHostName", List.of("--accept-host"),
            "acceptAnyHostName", List.of("--accept-any-host"),
            "limits", twinLimitOptions());

    /** A command line that gives every hub setting a value other than its default. */
    private static final List<String> EVERY_SETTING = List.of("--hub-name", "every-hub", "--data-dir", "d",
            "--recover-store", "--durability", "relaxed", "--throttling-tier", "S2", "--throttling-units", "2", "--query-lag", "5",
            "--configuration-apply-delay", "7", "--default-page-size", "9", "--max-page-size", "11",
            "--query-cursor-budget", "2048", "--telemetry-journal-size", "13", "--telemetry-journal-bytes", "4096",
            "--empty-desired-bumps-version", "false", "--reject-reported-in-service-patch", "false",
            "--size-violation-is-403", "true", "--accept-host", "gw.example", "--accept-any-host",
            "--max-key-bytes", "100", "--max-string-bytes", "200", "--max-depth", "3", "--min-integer", "-5",
            "--max-integer", "5", "--max-tags-size", "1000", "--max-desired-size", "2000", "--max-reported-size",
            "3000");

    @Test
    void everyHubOptionsSetterHasACommandLineOptionThatTheParserKnowsAndTheUsageNames() {
        List<String> setters = publicMethods(HubOptions.Builder.class);
        assertThat(setters).as("the setters this test knows of").contains("hubName", "queryLag", "limits");
        List<String> missing = new ArrayList<>();
        for (String setter : setters) {
            if (NOT_SETTINGS.contains(setter)) {
                continue;
            }
            for (String option : OPTIONS.getOrDefault(setter, List.of(kebab(setter)))) {
                if (!known(option) || !CommandLine.USAGE.contains(option + " ")
                        && !CommandLine.USAGE.contains(option + ",")) {
                    missing.add("HubOptions.Builder." + setter + " -> " + option);
                }
            }
        }
        assertThat(missing).as("setters without a command-line option").isEmpty();
    }

    @Test
    void theCommandLineChangesEverySettingOfHubOptions() throws Exception {
        HubOptions given = CommandLine.parse(EVERY_SETTING).config().hubOptions();
        HubOptions defaults = HubOptions.defaults();
        Set<String> unchanged = new TreeSet<>();
        for (Method getter : HubOptions.class.getMethods()) {
            if (getter.getDeclaringClass() != HubOptions.class || getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || Set.of("clock", "toBuilder", "hashCode", "toString").contains(getter.getName())) {
                continue;
            }
            if (getter.invoke(given).equals(getter.invoke(defaults))) {
                unchanged.add(getter.getName());
            }
        }
        assertThat(unchanged).as("HubOptions settings no option of %s changes", EVERY_SETTING).isEmpty();

        TwinLimits limits = given.limits();
        for (Method getter : TwinLimits.class.getMethods()) {
            if (getter.getDeclaringClass() == TwinLimits.class && getter.getParameterCount() == 0
                    && !Modifier.isStatic(getter.getModifiers())
                    && !Set.of("toBuilder", "hashCode", "toString").contains(getter.getName())) {
                assertThat(getter.invoke(limits)).as("twin limit %s", getter.getName())
                        .isNotEqualTo(getter.invoke(TwinLimits.service()));
            }
        }
    }

    private static List<String> twinLimitOptions() {
        return publicMethods(TwinLimits.Builder.class).stream().filter(name -> !name.equals("build"))
                .map(HubOptionsCommandLineTest::kebab).toList();
    }

    private static List<String> publicMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                        && !m.isSynthetic())
                .map(Method::getName).distinct().sorted().toList();
    }

    /** {@code sizeViolationIs403} is {@code --size-violation-is-403}. */
    static String kebab(String name) {
        return "--" + name.replaceAll("([a-z])([A-Z0-9])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** Returns whether the parser knows {@code option}, whatever it then says about its missing value. */
    private static boolean known(String option) {
        try {
            CommandLine.parse(List.of(option));
            return true;
        } catch (IllegalArgumentException e) {
            return !e.getMessage().startsWith("unknown option");
        }
    }
}
