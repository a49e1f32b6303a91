package io.twinkit.query;

import io.twinkit.core.AuthenticationType;
import io.twinkit.core.ConfigurationStatus;
import io.twinkit.core.ConnectionState;
import io.twinkit.core.DeviceStatus;
import io.twinkit.core.TwinPath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The fluent, injection-safe way to write IoT Hub queries, made for {@code import static
 * io.twinkit.query.TwinQuery.*;}. Every call returns a new immutable object, checks its arguments, and puts values
 * into the query tree as literals, never as text: {@code tag("owner").eq("x' OR '1'='1")} compares with that whole
 * string. The finished {@link Query} renders with {@link Query#toSql()}.
 *
 * <table class="striped">
 *   <caption>Java and the SQL it renders</caption>
 *   <thead><tr><th>Java</th><th>SQL</th></tr></thead>
 *   <tbody>
 *   <tr><td>{@code selectAll().fromDevices().where(tag("location.plant").eq("Redmond43"))}</td>
 *       <td>{@code SELECT * FROM devices WHERE tags.location.plant = 'Redmond43'}</td></tr>
 *   <tr><td>{@code selectAll().fromDevices().where(tag("location.plant").eq("Redmond43")
 *       .and(reported("connectivity.type").eq("cellular")))}</td>
 *       <td>{@code SELECT * FROM devices WHERE tags.location.plant = 'Redmond43'
 *       AND properties.reported.connectivity.type = 'cellular'}</td></tr>
 *   <tr><td>{@code select(deviceId(), reported("temperature").as("t")).top(10).fromDevices()
 *       .where(reported("temperature").gt(72.5))}</td>
 *       <td>{@code SELECT TOP 10 deviceId, properties.reported.temperature AS t FROM devices
 *       WHERE properties.reported.temperature > 72.5}</td></tr>
 *   <tr><td>{@code select(tag("location.region"), count().as("n")).groupBy(tag("location.region")).fromDevices()}</td>
 *       <td>{@code SELECT tags.location.region, COUNT() AS n FROM devices GROUP BY tags.location.region}</td></tr>
 *   <tr><td>{@code selectCount("n").fromDevices().where(connectionState().eq(ConnectionState.CONNECTED))}</td>
 *       <td>{@code SELECT COUNT() AS n FROM devices WHERE connectionState = 'Connected'}</td></tr>
 *   <tr><td>{@code select(avg(reported("temperature")).as("avgT")).fromDevices()}</td>
 *       <td>{@code SELECT AVG(properties.reported.temperature) AS avgT FROM devices}</td></tr>
 *   <tr><td>{@code selectAll().fromModules().where(moduleId().startsWith("$edge"))}</td>
 *       <td>{@code SELECT * FROM devices.modules WHERE STARTSWITH(moduleId, '$edge')}</td></tr>
 *   <tr><td>{@code selectAll().fromJobs()}</td>
 *       <td>{@code SELECT * FROM devices.jobs}</td></tr>
 *   <tr><td>{@code status().eq(DeviceStatus.DISABLED).or(iotEdge().isTrue())}</td>
 *       <td>{@code status = 'disabled' OR capabilities.iotEdge = true}</td></tr>
 *   <tr><td>{@code and(version().gt(1), tag("floor").in(1, 2), not(tag("retired").eq(true)))}</td>
 *       <td>{@code version > 1 AND tags.floor IN [1, 2] AND NOT (tags.retired = true)}</td></tr>
 *   <tr><td>{@code tag("floor").in(3)}</td>
 *       <td>{@code tags.floor = 3}</td></tr>
 *   <tr><td>{@code tag("group").isNotDefined().or(tag("group").ne("a"))}</td>
 *       <td>{@code NOT (IS_DEFINED(tags.[[group]])) OR tags.[[group]] != 'a'}</td></tr>
 *   <tr><td>{@code tag("owner").eq("O'Brien")}</td>
 *       <td>{@code tags.owner = 'O\'Brien'}</td></tr>
 *   <tr><td>{@code lastActivityTime().gt(Instant.parse("2024-05-01T08:30:00.120Z"))}</td>
 *       <td>{@code lastActivityTime > '2024-05-01T08:30:00.12Z'}</td></tr>
 *   <tr><td>{@code reported("temperature").times(2).gt(60)}</td>
 *       <td>{@code (properties.reported.temperature * 2) > 60}</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>Paths are checked segment by segment: a key that no twin can hold ({@code field("tags", "a.b")},
 * {@code desired("$version")}, {@code tag("a]]")}) throws {@link InvalidQueryException}, and keys that are reserved
 * words are bracketed ({@code tags.[[group]]}). Queries are checked when made: {@code GROUP BY} on modules, a
 * projection on jobs, or an aggregate beside a plain path without {@code GROUP BY} throws
 * {@link InvalidQueryException}. Remember the service's three-valued logic: a comparison with a missing property is
 * undefined and does not match, whichever operator is used.
 *
 * <p>For the rare condition the DSL cannot express there is {@link #unsafeConditionFromSql(String)}, which parses
 * SQL text into a checked tree; as its name says, it must never see text built from untrusted input.
 */
public final class TwinQuery {

    private static final TwinPath TAGS = TwinPath.of("tags");
    private static final TwinPath DESIRED = TwinPath.of("properties", "desired");
    private static final TwinPath REPORTED = TwinPath.of("properties", "reported");

    private TwinQuery() {
    }

    /** Returns {@code SELECT *}: whole twins (or job records). */
    public static SelectStep selectAll() {
        return SelectClause.of(List.of());
    }

    /**
     * Returns {@code SELECT item, ...}: fields ({@code deviceId()}), fields under an alias
     * ({@code reported("temperature").as("t")}) and aggregates under their alias ({@code count().as("n")}).
     *
     * @throws InvalidQueryException if there are no items (use {@link #selectAll()} for {@code *})
     */
    public static SelectStep select(Selected... items) {
        Objects.requireNonNull(items, "items");
        if (items.length == 0) {
            throw new InvalidQueryException("a select list needs at least one item; use selectAll() for SELECT *");
        }
        List<Projection> projections = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            projections.add(Objects.requireNonNull(items[i], "items[" + i + "]").projection());
        }
        return SelectClause.of(projections);
    }

    /**
     * Returns {@code SELECT item, ...} for the items in iteration order.
     *
     * @throws InvalidQueryException if there are no items (use {@link #selectAll()} for {@code *})
     */
    public static SelectStep select(Collection<? extends Selected> items) {
        return select(Objects.requireNonNull(items, "items").toArray(new Selected[0]));
    }

    /**
     * Returns {@code SELECT COUNT() AS alias}, the number of matching twins.
     *
     * @throws InvalidQueryException if {@code alias} is not an identifier or is a reserved word
     */
    public static SelectStep selectCount(String alias) {
        return select(count().as(alias));
    }

    /** Returns {@code COUNT()}, to be selected with an alias: {@code count().as("n")}. */
    public static Aggregation count() {
        return new Aggregation(Aggregate.count());
    }

    /** Returns {@code AVG(field)} over the numeric values, to be selected with an alias. */
    public static Aggregation avg(Field field) {
        return aggregate(AggregateFunction.AVG, field);
    }

    /** Returns {@code AVG(field)}, to be selected with an alias. */
    public static Aggregation avg(NumberField field) {
        return aggregate(AggregateFunction.AVG, field);
    }

    /** Returns {@code SUM(field)} over the numeric values, to be selected with an alias. */
    public static Aggregation sum(Field field) {
        return aggregate(AggregateFunction.SUM, field);
    }

    /** Returns {@code SUM(field)}, to be selected with an alias. */
    public static Aggregation sum(NumberField field) {
        return aggregate(AggregateFunction.SUM, field);
    }

    /** Returns {@code MIN(field)} over the numeric values, to be selected with an alias. */
    public static Aggregation min(Field field) {
        return aggregate(AggregateFunction.MIN, field);
    }

    /** Returns {@code MIN(field)}, to be selected with an alias. */
    public static Aggregation min(NumberField field) {
        return aggregate(AggregateFunction.MIN, field);
    }

    /** Returns {@code MAX(field)} over the numeric values, to be selected with an alias. */
    public static Aggregation max(Field field) {
        return aggregate(AggregateFunction.MAX, field);
    }

    /** Returns {@code MAX(field)}, to be selected with an alias. */
    public static Aggregation max(NumberField field) {
        return aggregate(AggregateFunction.MAX, field);
    }

    private static Aggregation aggregate(AggregateFunction function, TwinField field) {
        return new Aggregation(new Aggregate(function, Objects.requireNonNull(field, "field").path()));
    }

    /**
     * Returns the tag at {@code dottedPath}, a path in {@linkplain TwinPath#parse(String) text form} below
     * {@code tags}: {@code tag("location.plant")} is {@code tags.location.plant}.
     *
     * @throws InvalidQueryException if the path is empty or malformed, or a segment holds a character no twin key can
     *     hold
     */
    public static Field tag(String dottedPath) {
        return new Field(below(TAGS, dottedPath));
    }

    /**
     * Returns the desired property at {@code dottedPath}, a path in {@linkplain TwinPath#parse(String) text form}:
     * {@code properties.desired.<dottedPath>}.
     *
     * @throws InvalidQueryException if the path is empty or malformed, or a segment holds a character no twin key can
     *     hold (so {@code $version} cannot be queried)
     */
    public static Field desired(String dottedPath) {
        return new Field(below(DESIRED, dottedPath));
    }

    /**
     * Returns the reported property at {@code dottedPath}, a path in {@linkplain TwinPath#parse(String) text form}:
     * {@code properties.reported.<dottedPath>}.
     *
     * @throws InvalidQueryException if the path is empty or malformed, or a segment holds a character no twin key can
     *     hold
     */
    public static Field reported(String dottedPath) {
        return new Field(below(REPORTED, dottedPath));
    }

    private static QueryPath below(TwinPath section, String dottedPath) {
        Objects.requireNonNull(dottedPath, "dottedPath");
        TwinPath relative;
        try {
            relative = TwinPath.parse(dottedPath);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidQueryException(malformed.getMessage());
        }
        if (relative.isRoot()) {
            throw new InvalidQueryException("the path below " + section + " must not be empty; name a key");
        }
        return new QueryPath(section.append(relative));
    }

    /**
     * Returns the field at the given segments from the twin root, e.g. {@code field("tags", "group")}
     * ({@code tags.[[group]]}). Each segment is one key; the root is matched case-insensitively and written in the
     * service's casing.
     *
     * @throws InvalidQueryException if there are no segments, the first is not a root field of twins or job records
     *     ({@link SqlText#ROOT_FIELDS}), or a segment holds a character no twin key can hold (such as {@code .})
     */
    public static Field field(String... segments) {
        Objects.requireNonNull(segments, "segments");
        for (int i = 0; i < segments.length; i++) {
            Objects.requireNonNull(segments[i], "segments[" + i + "]");
        }
        return field(TwinPath.of(segments));
    }

    /**
     * Returns the field at {@code path} from the twin root, e.g. {@code field(TwinPath.parse("tags.group"))}
     * ({@code tags.[[group]]}); the root is matched case-insensitively and written in the service's casing.
     *
     * @throws InvalidQueryException if {@code path} is the root, its first segment is not a root field of twins or
     *     job records ({@link SqlText#ROOT_FIELDS}), or a segment holds a character no twin key can hold
     */
    public static Field field(TwinPath path) {
        QueryPath node = new QueryPath(Objects.requireNonNull(path, "path"));
        String root = node.twinPath().firstSegment();
        if (!SqlText.isRootField(root)) {
            throw new InvalidQueryException("'" + root + "' is not a root field, so " + node
                    + " is never defined; paths start at one of " + SqlText.ROOT_FIELDS);
        }
        return new Field(node);
    }

    /** Returns {@code deviceId}. */
    public static StringField deviceId() {
        return new StringField(QueryPath.of("deviceId"));
    }

    /** Returns {@code moduleId}, defined on module twins only. */
    public static StringField moduleId() {
        return new StringField(QueryPath.of("moduleId"));
    }

    /** Returns {@code etag}, the twin's ETag (without quotes). */
    public static StringField etag() {
        return new StringField(QueryPath.of("etag"));
    }

    /** Returns {@code modelId}, the Plug and Play model id ({@code ""} when none is set). */
    public static StringField modelId() {
        return new StringField(QueryPath.of("modelId"));
    }

    /** Returns {@code statusReason}. */
    public static StringField statusReason() {
        return new StringField(QueryPath.of("statusReason"));
    }

    /** Returns {@code deviceScope}, the IoT Edge hierarchy scope. */
    public static StringField deviceScope() {
        return new StringField(QueryPath.of("deviceScope"));
    }

    /** Returns {@code status}: {@code enabled} or {@code disabled}. */
    public static EnumField<DeviceStatus> status() {
        return new EnumField<>(QueryPath.of("status"), DeviceStatus.class);
    }

    /** Returns {@code connectionState}: {@code Connected} or {@code Disconnected}. */
    public static EnumField<ConnectionState> connectionState() {
        return new EnumField<>(QueryPath.of("connectionState"), ConnectionState.class);
    }

    /**
     * Returns {@code authenticationType}: {@code sas}, {@code selfSigned}, {@code certificateAuthority} or
     * {@code none}.
     */
    public static EnumField<AuthenticationType> authenticationType() {
        return new EnumField<>(QueryPath.of("authenticationType"), AuthenticationType.class);
    }

    /**
     * Returns {@code configurations.<configurationId>.status}: whether an automatic device configuration targets the
     * twin or has been applied to it.
     *
     * @throws InvalidQueryException if {@code configurationId} cannot be a key
     */
    public static EnumField<ConfigurationStatus> configurationStatus(String configurationId) {
        return new EnumField<>(QueryPath.of("configurations", Objects.requireNonNull(configurationId,
                "configurationId"), "status"), ConfigurationStatus.class);
    }

    /** Returns {@code lastActivityTime}. Microsoft advises against relying on it. */
    public static TimeField lastActivityTime() {
        return new TimeField(QueryPath.of("lastActivityTime"));
    }

    /** Returns {@code statusUpdateTime}. */
    public static TimeField statusUpdateTime() {
        return new TimeField(QueryPath.of("statusUpdateTime"));
    }

    /** Returns {@code version}, the twin-wide version number. */
    public static NumberField version() {
        return new NumberField(QueryPath.of("version"));
    }

    /** Returns {@code cloudToDeviceMessageCount}. */
    public static NumberField cloudToDeviceMessageCount() {
        return new NumberField(QueryPath.of("cloudToDeviceMessageCount"));
    }

    /** Returns {@code capabilities.iotEdge}: whether the device is an IoT Edge device. */
    public static BooleanField iotEdge() {
        return new BooleanField(QueryPath.of("capabilities", "iotEdge"));
    }

    /** Returns {@code NOT (condition)}: undefined, so not matching, wherever the condition is undefined. */
    public static Condition not(Condition condition) {
        return Objects.requireNonNull(condition, "condition").not();
    }

    /** Returns {@code first AND more...}; {@code first} itself when there are no more. */
    public static Condition and(Condition first, Condition... more) {
        return combine(true, first, more);
    }

    /** Returns {@code first OR more...}; {@code first} itself when there are no more. */
    public static Condition or(Condition first, Condition... more) {
        return combine(false, first, more);
    }

    /**
     * Returns the condition written in IoT Hub SQL: for a condition kept as text, or one the DSL does not express,
     * such as {@code unsafeConditionFromSql("tags.floor IN [3, '3']")}. The text is read by the parser into a checked
     * tree, so the result renders, compares and combines like any other condition.
     *
     * <p><b>Never concatenate untrusted input into {@code sqlCondition}.</b> The parser cannot tell text you meant from
     * text someone slipped in: {@code "tags.owner = '" + name + "'"} with the name {@code x' OR '1'='1} becomes a
     * condition that matches every twin. Pass values through the DSL ({@code tag("owner").eq(name)}), which writes
     * them as escaped literals, and combine: {@code unsafeConditionFromSql(constantText).and(tag("owner").eq(name))}.
     *
     * @throws QuerySyntaxException if the text is not a condition of the query language, naming the position and
     *     what was expected there
     * @throws InvalidQueryException if the text is longer than {@value Query#MAX_LENGTH} characters
     */
    public static Condition unsafeConditionFromSql(String sqlCondition) {
        return Condition.of(QueryParser.parseCondition(Objects.requireNonNull(sqlCondition, "sqlCondition")));
    }

    private static Condition combine(boolean and, Condition first, Condition... more) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(more, "more");
        if (more.length == 0) {
            return first;
        }
        List<Expression> operands = new ArrayList<>(more.length + 1);
        operands.add(first.expression());
        for (int i = 0; i < more.length; i++) {
            operands.add(Objects.requireNonNull(more[i], "more[" + i + "]").expression());
        }
        return Condition.of(and ? new And(operands) : new Or(operands));
    }
}
