package io.twinkit.emulator.internal.config;

import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinPath;
import io.twinkit.core.TwinSection;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.core.validation.TwinValidationException;
import io.twinkit.core.validation.TwinValidator;
import io.twinkit.emulator.ConfigurationContent;
import io.twinkit.emulator.ConfigurationService;
import io.twinkit.emulator.HubConfiguration;
import io.twinkit.query.Comparison;
import io.twinkit.query.ComparisonOperator;
import io.twinkit.query.Expression;
import io.twinkit.query.Literal;
import io.twinkit.query.InvalidQueryException;
import io.twinkit.query.Projection;
import io.twinkit.query.Query;
import io.twinkit.query.QueryPath;
import io.twinkit.query.QuerySource;
import io.twinkit.query.TwinQuery;
import io.twinkit.query.eval.CompiledQuery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A configuration as the hub applies it: its id, priority and creation time, the kind of twin it writes, its target
 * condition compiled, its content flattened to {@link Setting}s, and its custom metric queries parsed.
 * {@link #compile} checks the service's rules on the way (see {@link ConfigurationService}). Immutable.
 *
 * @param configuration the configuration as stored
 * @param kind the twins it applies to
 * @param target the target condition as a compiled {@code SELECT *} query over the kind's collection, or {@code null}
 *     when it targets nothing (an empty condition)
 * @param settings the properties it writes, sorted by path
 * @param digest the {@code $lastUpdatedByDigest} of what it writes: a decimal number derived from its content
 * @param metricQueries the custom metric queries, by name
 */
public record ConfigurationRule(HubConfiguration configuration, Kind kind, @Nullable CompiledQuery target,
                                List<Setting> settings, String digest, Map<String, Query> metricQueries) {

    /** The twins a configuration writes. */
    public enum Kind {
        /** Device twins: device content, or no content and a target condition over devices. */
        DEVICE,
        /** Module twins: module content, or no content and a target condition over {@code devices.modules}. */
        MODULE;

        /** Returns the kind of {@code twin}. */
        public static Kind of(TwinDocument twin) {
            return twin.moduleId().isPresent() ? MODULE : DEVICE;
        }
    }

    /**
     * The order in which configurations win where they overlap on a twin: the highest priority first, between equal
     * priorities the most recently created (the service's documented rule), then by id so that the order is total.
     */
    public static final Comparator<ConfigurationRule> PRECEDENCE = Comparator
            .comparingInt(ConfigurationRule::priority).reversed()
            .thenComparing(ConfigurationRule::createdTime, Comparator.reverseOrder())
            .thenComparing(ConfigurationRule::id);

    /** The id rule: 1 to 128 lower-case letters, digits and {@code - + % _ * ! '}, as the service documents. */
    static final Pattern ID = Pattern.compile("[a-z0-9\\-+%_*!']{1,128}");

    private static final String DESIRED = "properties.desired";
    private static final Pattern FROM = Pattern.compile("(?is)\\s*from\\s.*");
    private static final Pattern MODULES = Pattern.compile("(?is)\\s*from\\s+devices\\s*\\.\\s*modules\\b.*");

    /** Checks the record's members. */
    public ConfigurationRule {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(kind, "kind");
        settings = List.copyOf(settings);
        Objects.requireNonNull(digest, "digest");
        metricQueries = Map.copyOf(metricQueries);
        if (configuration.createdTime().isEmpty()) {
            throw new IllegalArgumentException("a stored configuration has a creation time");
        }
    }

    /** Returns the configuration id. */
    public String id() {
        return configuration.id();
    }

    /** Returns the priority. */
    public int priority() {
        return configuration.priority();
    }

    /** Returns the creation time. */
    public Instant createdTime() {
        return configuration.createdTime().orElseThrow();
    }

    /**
     * Returns whether this configuration targets {@code twin}: the twin is of its kind and its target condition is
     * {@code true} for it (an undefined condition does not target, as in queries).
     */
    public boolean targets(TwinDocument twin) {
        return target != null && Kind.of(twin) == kind && target.matches(twin);
    }

    /**
     * Reads {@code configuration}, which must carry its creation time, checking the service's rules.
     *
     * @param validator the hub's twin rules, for the content
     * @throws TwinException (400004) for the id, schema version or priority; (400401) for the target condition;
     *     (400402) for the content; (400404) for the custom metrics
     */
    public static ConfigurationRule compile(HubConfiguration configuration, TwinValidator validator) {
        Objects.requireNonNull(configuration, "configuration");
        checkId(configuration.id());
        if (!HubConfiguration.SCHEMA_VERSION.equals(configuration.schemaVersion())) {
            throw argument("schemaVersion must be " + HubConfiguration.SCHEMA_VERSION + " but is '"
                    + configuration.schemaVersion() + "'");
        }
        if (configuration.priority() < 0) {
            throw argument("priority must be 0 or more but is " + configuration.priority());
        }
        ConfigurationContent content = configuration.content();
        if (!content.modulesContent().isEmpty()) {
            throw content("configuration '" + configuration.id() + "' has modulesContent, an IoT Edge deployment,"
                    + " which the emulator does not run as a configuration; use deviceContent or moduleContent, or"
                    + " apply modules content to one Edge device with POST /devices/{id}/applyConfigurationContent");
        }
        if (!content.deviceContent().isEmpty() && !content.moduleContent().isEmpty()) {
            throw content("configuration '" + configuration.id() + "' has both deviceContent and moduleContent; a"
                    + " configuration targets devices or modules, not both");
        }
        String condition = configuration.targetCondition();
        Kind kind;
        if (!content.moduleContent().isEmpty()) {
            kind = Kind.MODULE;
        } else if (!content.deviceContent().isEmpty()) {
            kind = Kind.DEVICE;
        } else {
            kind = MODULES.matcher(condition).matches() ? Kind.MODULE : Kind.DEVICE;
        }
        Query target = target(configuration.id(), condition, kind);
        List<Setting> settings = settings(kind == Kind.MODULE ? content.moduleContent() : content.deviceContent(),
                kind == Kind.MODULE ? "moduleContent" : "deviceContent", validator);
        Map<String, Query> metrics = metrics(configuration.metrics().queries());
        return new ConfigurationRule(configuration, kind, target == null ? null : CompiledQuery.compile(target),
                settings, digest(content), metrics);
    }

    /**
     * Checks a configuration id.
     *
     * @throws TwinException (400004) unless it is 1 to 128 lower-case letters, digits and {@code - + % _ * ! '}
     */
    public static void checkId(String id) {
        if (!ID.matcher(id).matches()) {
            throw argument("configuration id '" + id + "' must be 1 to 128 lower-case letters, digits and - + % _ * !"
                    + " '");
        }
    }

    /**
     * Returns the system metric queries of this configuration: {@code targetedCount}, the target condition as a
     * query counting twins, and {@code appliedCount}, the twins whose {@code configurations} entry is
     * {@code Applied}; {@code targetedCount} is absent when the condition targets nothing.
     */
    public Map<String, Query> systemMetricQueries() {
        QuerySource source = kind == Kind.MODULE ? QuerySource.MODULES : QuerySource.DEVICES;
        List<Projection> projections = kind == Kind.MODULE
                ? List.of(Projection.of(QueryPath.of("deviceId")), Projection.of(QueryPath.of("moduleId")))
                : List.of(Projection.of(QueryPath.of("deviceId")));
        Map<String, Query> queries = new LinkedHashMap<>();
        if (target != null) {
            queries.put("targetedCount", Query.of(source, projections, target.query().where().orElse(null), null,
                    OptionalLong.empty()));
        }
        Expression applied = new Comparison(QueryPath.of("configurations", id(), "status"),
                ComparisonOperator.EQUAL, Literal.of("Applied"));
        queries.put("appliedCount", Query.of(source, projections, applied, null, OptionalLong.empty()));
        return queries;
    }

    private static @Nullable Query target(String id, String condition, Kind kind) {
        String text = condition.strip();
        if (text.isEmpty()) {
            return null;
        }
        QuerySource source = kind == Kind.MODULE ? QuerySource.MODULES : QuerySource.DEVICES;
        if (text.equals("*")) {
            if (kind == Kind.MODULE) {
                throw targetCondition("configuration '" + id + "' has module content, so its target condition must"
                        + " be a query FROM devices.modules WHERE ...; * targets devices only");
            }
            return Query.of(source, List.of(), null, null, OptionalLong.empty());
        }
        try {
            if (!FROM.matcher(text).matches()) {
                if (kind == Kind.MODULE) {
                    throw targetCondition("configuration '" + id + "' has module content, so its target condition"
                            + " must start with FROM devices.modules WHERE, as in FROM devices.modules WHERE"
                            + " tags.environment = 'test', but is '" + condition + "'");
                }
                return Query.of(source, List.of(), TwinQuery.unsafeConditionFromSql(text).expression(), null,
                        OptionalLong.empty());
            }
            Query query = Query.parse("SELECT * " + text);
            if (query.source() != source) {
                throw targetCondition("the target condition of configuration '" + id + "' selects from "
                        + query.source().sql() + ", but its content is for " + (kind == Kind.MODULE
                        ? "modules (FROM devices.modules)" : "devices (FROM devices)"));
            }
            return query;
        } catch (TwinException e) {
            if (e.errorCode() == IotHubErrorCode.INVALID_CONFIGURATION_TARGET_CONDITION) {
                throw e;
            }
            throw targetCondition("the target condition of configuration '" + id + "' is not a condition of the"
                    + " query language: " + e.getMessage());
        }
    }

    private static List<Setting> settings(Map<String, JsonValue> content, String member, TwinValidator validator) {
        List<Setting> settings = new ArrayList<>();
        for (Map.Entry<String, JsonValue> entry : content.entrySet()) {
            String key = entry.getKey();
            JsonValue value = entry.getValue();
            TwinPath path;
            if (key.equals(DESIRED)) {
                if (!(value instanceof JsonObject)) {
                    throw content(member + " '" + key + "' must have an object as its value but has " + value);
                }
                path = TwinPath.root();
            } else if (key.startsWith(DESIRED + ".")) {
                String[] segments = key.substring(DESIRED.length() + 1).split("\\.", -1);
                for (String segment : segments) {
                    if (segment.isEmpty()) {
                        throw content(member + " path '" + key + "' has an empty segment");
                    }
                }
                path = TwinPath.of(segments);
            } else {
                throw content(member + " path '" + key + "' is not under properties.desired: a configuration"
                        + " writes desired properties only, at properties.desired or properties.desired.<path>");
            }
            flatten(path, value, settings);
        }
        settings.sort(Comparator.comparing(Setting::path));
        for (int i = 1; i < settings.size(); i++) {
            if (settings.get(i - 1).overlaps(settings.get(i))) {
                throw content(member + " writes the property " + settings.get(i - 1).path() + " twice, or one"
                        + " inside the other (" + settings.get(i).path() + ")");
            }
        }
        MergePatch.Builder patch = MergePatch.builder();
        for (Setting setting : settings) {
            patch.set(setting.path(), setting.value());
        }
        try {
            MergePatch built = patch.build();
            validator.validatePatch(TwinSection.DESIRED, built);
            validator.apply(TwinSection.DESIRED, PropertySet.empty(), built);
        } catch (TwinValidationException e) {
            throw content(member + " is not a valid desired patch: " + e.getMessage());
        }
        return settings;
    }

    private static void flatten(TwinPath path, JsonValue value, List<Setting> out) {
        if (value instanceof JsonObject object && !object.isEmpty()) {
            for (int i = 0; i < object.size(); i++) {
                flatten(path.child(object.keyAt(i)), object.valueAt(i), out);
            }
        } else if (!path.isRoot()) {
            out.add(new Setting(path, value));
        }
    }

    private static Map<String, Query> metrics(Map<String, String> queries) {
        if (queries.size() > ConfigurationService.MAX_CUSTOM_METRICS) {
            throw new TwinException(IotHubErrorCode.INVALID_CONFIGURATION_CUSTOM_METRICS_QUERY, "a configuration has"
                    + " at most " + ConfigurationService.MAX_CUSTOM_METRICS + " custom metrics, not "
                    + queries.size() + " [400404 InvalidConfigurationCustomMetricsQuery]");
        }
        Map<String, Query> parsed = new LinkedHashMap<>();
        queries.forEach((name, sql) -> {
            if (name.isEmpty()) {
                throw new TwinException(IotHubErrorCode.INVALID_CONFIGURATION_CUSTOM_METRICS_QUERY, "a custom"
                        + " metric needs a name [400404 InvalidConfigurationCustomMetricsQuery]");
            }
            try {
                parsed.put(name, Query.parse(sql));
            } catch (InvalidQueryException e) {
                throw new TwinException(IotHubErrorCode.INVALID_CONFIGURATION_CUSTOM_METRICS_QUERY, "custom metric '"
                        + name + "' is not a query: " + e.getMessage() + " [400404"
                        + " InvalidConfigurationCustomMetricsQuery]");
            }
        });
        return parsed;
    }

    /** Returns a decimal digest of {@code content}, stable across restarts: the first 8 bytes of its SHA-256. */
    private static String digest(ConfigurationContent content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.toJson().toString()
                    .getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                value = value << 8 | (hash[i] & 0xFF);
            }
            return Long.toString(value & Long.MAX_VALUE);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static TwinException argument(String message) {
        return new TwinException(IotHubErrorCode.ARGUMENT_INVALID, message + " [400004 ArgumentInvalid]");
    }

    static TwinException content(String message) {
        return new TwinException(IotHubErrorCode.INVALID_CONFIGURATION_CONTENT, message
                + " [400402 InvalidConfigurationContent]");
    }

    static TwinException targetCondition(String message) {
        return new TwinException(IotHubErrorCode.INVALID_CONFIGURATION_TARGET_CONDITION, message
                + " [400401 InvalidConfigurationTargetCondition]");
    }
}
