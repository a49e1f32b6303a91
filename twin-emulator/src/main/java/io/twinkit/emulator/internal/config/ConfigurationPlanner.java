package io.twinkit.emulator.internal.config;

import io.twinkit.core.ConfigurationStatus;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinPath;
import io.twinkit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Target selection and priority resolution for one twin, as pure functions: which configurations target the twin,
 * and which one wins each desired property where they overlap.
 */
public final class ConfigurationPlanner {

    private ConfigurationPlanner() {
    }

    /**
     * A property a configuration wins on a twin.
     *
     * @param configurationId the winning configuration
     * @param digest its {@code $lastUpdatedByDigest}
     * @param value the value it writes
     */
    public record Claim(String configurationId, String digest, JsonValue value) {

        /** Checks the members. */
        public Claim {
            Objects.requireNonNull(configurationId, "configurationId");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * What the configurations make of one twin.
     *
     * @param targeting the configurations that target the twin, in {@linkplain ConfigurationRule#PRECEDENCE
     *     precedence}
     * @param claims the properties they write, by path, each with the configuration that wins it, in path order
     * @param statuses the status of each targeting configuration, in precedence: {@code Applied} when it wins at least
     *     one of its settings or has none, {@code Targeted} when every one of them is outranked
     */
    public record Plan(List<ConfigurationRule> targeting, Map<TwinPath, Claim> claims,
                       Map<String, ConfigurationStatus> statuses) {

        /** Copies the members. */
        public Plan {
            targeting = List.copyOf(targeting);
            claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
            statuses = Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
        }
    }

    /** Returns the configurations of {@code rules} that target {@code twin}, in precedence. */
    public static List<ConfigurationRule> targeting(TwinDocument twin, Collection<ConfigurationRule> rules) {
        Objects.requireNonNull(twin, "twin");
        List<ConfigurationRule> targeting = new ArrayList<>();
        for (ConfigurationRule rule : rules) {
            if (rule.targets(twin)) {
                targeting.add(rule);
            }
        }
        targeting.sort(ConfigurationRule.PRECEDENCE);
        return targeting;
    }

    /**
     * Resolves the settings of the configurations that target a twin: walking them in precedence, each setting is
     * won by the first configuration that writes its property, or a property inside or around it; a later one's
     * overlapping setting is dropped.
     *
     * @param targeting the configurations that target the twin, in any order
     */
    public static Plan resolve(List<ConfigurationRule> targeting) {
        List<ConfigurationRule> ordered = new ArrayList<>(targeting);
        ordered.sort(ConfigurationRule.PRECEDENCE);
        Map<TwinPath, Claim> claims = new TreeMap<>();
        Set<TwinPath> enclosing = new HashSet<>();
        Map<String, ConfigurationStatus> statuses = new LinkedHashMap<>();
        for (ConfigurationRule rule : ordered) {
            int wins = 0;
            for (Setting setting : rule.settings()) {
                if (!overlapsAny(setting.path(), claims.keySet(), enclosing)) {
                    claims.put(setting.path(), new Claim(rule.id(), rule.digest(), setting.value()));
                    for (TwinPath above = setting.path().parent(); !above.isRoot(); above = above.parent()) {
                        enclosing.add(above);
                    }
                    wins++;
                }
            }
            statuses.put(rule.id(), wins > 0 || rule.settings().isEmpty() ? ConfigurationStatus.APPLIED
                    : ConfigurationStatus.TARGETED);
        }
        return new Plan(ordered, claims, statuses);
    }

    /**
     * Returns whether {@code path} is one of {@code claimed}, inside one of them, or around one of them (one of
     * {@code enclosing}, the paths above the claimed ones): in time proportional to its depth.
     */
    public static boolean overlapsAny(TwinPath path, Set<TwinPath> claimed, Set<TwinPath> enclosing) {
        if (enclosing.contains(path)) {
            return true;
        }
        for (TwinPath at = path; !at.isRoot(); at = at.parent()) {
            if (claimed.contains(at)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the plan of {@code rules} for {@code twin}: {@link #resolve} of {@link #targeting}. */
    public static Plan plan(TwinDocument twin, Collection<ConfigurationRule> rules) {
        return resolve(targeting(twin, rules));
    }
}
