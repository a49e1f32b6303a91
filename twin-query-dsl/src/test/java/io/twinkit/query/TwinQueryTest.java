package io.twinkit.query;

import static io.twinkit.query.TwinQuery.and;
import static io.twinkit.query.TwinQuery.authenticationType;
import static io.twinkit.query.TwinQuery.avg;
import static io.twinkit.query.TwinQuery.cloudToDeviceMessageCount;
import static io.twinkit.query.TwinQuery.configurationStatus;
import static io.twinkit.query.TwinQuery.connectionState;
import static io.twinkit.query.TwinQuery.count;
import static io.twinkit.query.TwinQuery.desired;
import static io.twinkit.query.TwinQuery.deviceId;
import static io.twinkit.query.TwinQuery.deviceScope;
import static io.twinkit.query.TwinQuery.etag;
import static io.twinkit.query.TwinQuery.field;
import static io.twinkit.query.TwinQuery.iotEdge;
import static io.twinkit.query.TwinQuery.lastActivityTime;
import static io.twinkit.query.TwinQuery.max;
import static io.twinkit.query.TwinQuery.min;
import static io.twinkit.query.TwinQuery.modelId;
import static io.twinkit.query.TwinQuery.moduleId;
import static io.twinkit.query.TwinQuery.not;
import static io.twinkit.query.TwinQuery.or;
import static io.twinkit.query.TwinQuery.reported;
import static io.twinkit.query.TwinQuery.select;
import static io.twinkit.query.TwinQuery.selectAll;
import static io.twinkit.query.TwinQuery.selectCount;
import static io.twinkit.query.TwinQuery.status;
import static io.twinkit.query.TwinQuery.statusReason;
import static io.twinkit.query.TwinQuery.statusUpdateTime;
import static io.twinkit.query.TwinQuery.sum;
import static io.twinkit.query.TwinQuery.tag;
import static io.twinkit.query.TwinQuery.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.AuthenticationType;
import io.twinkit.core.ConfigurationStatus;
import io.twinkit.core.ConnectionState;
import io.twinkit.core.DeviceStatus;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinPath;
import io.twinkit.core.conformance.ConformanceVectors;
import io.twinkit.core.conformance.ConformanceVectors.VectorCase;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.eval.CompiledQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TwinQueryTest {

    private static final Map<String, Supplier<Query>> SEEDS = Map.of(
            "seed-plant-redmond43",
            () -> selectAll().fromDevices().where(tag("location.plant").eq("Redmond43")),
            "seed-plant-redmond43-and-cellular",
            () -> selectAll().fromDevices().where(tag("location.plant").eq("Redmond43")
                    .and(reported("connectivity.type").eq("cellular"))));

    static List<VectorCase> seeds() {
        List<VectorCase> seeds = ConformanceVectors.cases("query.json").stream()
                .filter(c -> SEEDS.containsKey(c.name())).toList();
        assertThat(seeds).extracting(VectorCase::name).containsAll(SEEDS.keySet());
        return seeds;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void theTutorialQueriesRenderExactlyTheVectorSql(VectorCase vector) {
        Query query = SEEDS.get(vector.name()).get();

        assertThat(query.toSql()).isEqualTo(vector.get("sql").asString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void theTutorialQueriesSelectTheVectorTwins(VectorCase vector) {
        List<TwinDocument> twins = new ArrayList<>();
        for (JsonValue twin : ConformanceVectors.fixtures("twins.json").get(0).json().valueOrNull("twins").asArray()) {
            twins.add(TwinDocument.fromJson(twin.asObject()));
        }

        List<String> selected = CompiledQuery.compile(SEEDS.get(vector.name()).get()).select(twins).stream()
                .map(twin -> twin.deviceId().value()).toList();

        assertThat(selected).containsExactlyInAnyOrderElementsOf(
                vector.get("deviceIds").asArray().stream().map(JsonValue::asString).toList());
    }

    static Stream<Arguments> javadocExamples() {
        return Stream.of(
                Arguments.of(select(deviceId(), reported("temperature").as("t")).top(10).fromDevices()
                                .where(reported("temperature").gt(72.5)),
                        "SELECT TOP 10 deviceId, properties.reported.temperature AS t FROM devices"
                                + " WHERE properties.reported.temperature > 72.5"),
                Arguments.of(select(tag("location.region"), count().as("n")).groupBy(tag("location.region"))
                                .fromDevices(),
                        "SELECT tags.location.region, COUNT() AS n FROM devices GROUP BY tags.location.region"),
                Arguments.of(selectCount("n").fromDevices().where(connectionState().eq(ConnectionState.CONNECTED)),
                        "SELECT COUNT() AS n FROM devices WHERE connectionState = 'Connected'"),
                Arguments.of(select(avg(reported("temperature")).as("avgT")).fromDevices(),
                        "SELECT AVG(properties.reported.temperature) AS avgT FROM devices"),
                Arguments.of(selectAll().fromModules().where(moduleId().startsWith("$edge")),
                        "SELECT * FROM devices.modules WHERE STARTSWITH(moduleId, '$edge')"),
                Arguments.of(selectAll().fromJobs(), "SELECT * FROM devices.jobs"),
                Arguments.of(selectAll().top(5).fromModules(), "SELECT TOP 5 * FROM devices.modules"),
                Arguments.of(selectAll().fromDevices().where(status().eq(DeviceStatus.DISABLED)
                                .or(iotEdge().isTrue())),
                        "SELECT * FROM devices WHERE status = 'disabled' OR capabilities.iotEdge = true"),
                Arguments.of(selectAll().fromDevices().where(and(version().gt(1), tag("floor").in(1, 2),
                                not(tag("retired").eq(true)))),
                        "SELECT * FROM devices WHERE version > 1 AND tags.floor IN [1, 2]"
                                + " AND NOT (tags.retired = true)"),
                Arguments.of(selectAll().fromDevices().where(tag("floor").in(3)),
                        "SELECT * FROM devices WHERE tags.floor = 3"),
                Arguments.of(selectAll().fromDevices().where(tag("group").isNotDefined().or(tag("group").ne("a"))),
                        "SELECT * FROM devices WHERE NOT (IS_DEFINED(tags.[[group]])) OR tags.[[group]] != 'a'"),
                Arguments.of(selectAll().fromDevices().where(tag("owner").eq("O'Brien")),
                        "SELECT * FROM devices WHERE tags.owner = 'O\\'Brien'"),
                Arguments.of(selectAll().fromDevices()
                                .where(lastActivityTime().gt(Instant.parse("2024-05-01T08:30:00.120Z"))),
                        "SELECT * FROM devices WHERE lastActivityTime > '2024-05-01T08:30:00.12Z'"),
                Arguments.of(selectAll().fromDevices().where(reported("temperature").times(2).gt(60)),
                        "SELECT * FROM devices WHERE (properties.reported.temperature * 2) > 60"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("javadocExamples")
    void theClassJavadocExamplesRenderAsDocumented(Query query, String sql) {
        assertThat(query.toSql()).isEqualTo(sql);
        assertThat(query).hasToString(sql);
    }

    @Test
    void selectListsRenderEveryKindOfItem() {
        Query query = select(deviceId(), field("DeviceId").as("id"), tag("group"), desired("fw.version"))
                .fromDevices();

        assertThat(query.toSql()).isEqualTo(
                "SELECT deviceId, deviceId AS id, tags.[[group]], properties.desired.fw.version FROM devices");
        assertThat(query.projections()).extracting(p -> p.outputName())
                .containsExactly("deviceId", "id", "group", "version");
    }

    @Test
    void aggregatesTakeUntypedAndNumberFields() {
        Query query = select(count().as("n"), avg(version()).as("a"), sum(reported("kWh")).as("s"),
                sum(cloudToDeviceMessageCount()).as("c"), min(reported("t")).as("lo"), min(version()).as("v0"),
                max(reported("t")).as("hi"), max(version()).as("v1")).fromDevices();

        assertThat(query.toSql()).isEqualTo("SELECT COUNT() AS n, AVG(version) AS a,"
                + " SUM(properties.reported.kWh) AS s, SUM(cloudToDeviceMessageCount) AS c,"
                + " MIN(properties.reported.t) AS lo, MIN(version) AS v0, MAX(properties.reported.t) AS hi,"
                + " MAX(version) AS v1 FROM devices");
        assertThat(query.isAggregate()).isTrue();
    }

    @Test
    void selectTakesACollectionInIterationOrder() {
        assertThat(select(List.of(etag(), modelId())).fromModules().toSql())
                .isEqualTo("SELECT etag, modelId FROM devices.modules");
        assertThat(select(List.of(etag()))).isEqualTo(select(etag()));
    }

    @Test
    void aGroupedCountIsGroupedBeforeFrom() {
        Query query = selectCount("n").groupBy(tag("site")).fromDevices().where(iotEdge().isFalse());

        assertThat(query.toSql())
                .isEqualTo("SELECT COUNT() AS n FROM devices WHERE capabilities.iotEdge = false GROUP BY tags.site");
    }

    @Test
    void aGroupedPathMayBeSelectedUnderAnAlias() {
        Query query = select(tag("site").as("site"), max(version()).as("v")).top(3).groupBy(tag("site"))
                .fromDevices();

        assertThat(query.toSql())
                .isEqualTo("SELECT TOP 3 tags.site AS site, MAX(version) AS v FROM devices GROUP BY tags.site");
    }

    @Test
    void combinationsTheServiceRejectsFailWhenTheQueryIsMade() {
        FromStep grouped = select(tag("site"), count().as("n")).groupBy(tag("site"));
        assertThatThrownBy(grouped::fromModules).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("GROUP BY is supported on devices only");
        assertThatThrownBy(() -> selectCount("n").groupBy(tag("site")).fromModules())
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("devices only");
        assertThatThrownBy(grouped::fromJobs).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("devices.jobs supports only SELECT *");
        assertThatThrownBy(() -> select(deviceId()).fromJobs()).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("devices.jobs");
        assertThatThrownBy(() -> select(deviceId(), count().as("n")).fromDevices())
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("beside plain paths");
        assertThatThrownBy(() -> select(deviceId(), count().as("n")).groupBy(tag("site")).fromDevices())
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("may hold only tags.site");
        assertThatThrownBy(() -> selectAll().groupBy(tag("site")).fromDevices())
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("SELECT * cannot be grouped");
    }

    @Test
    void invalidSelectListsAndLimitsAreRejected() {
        assertThatThrownBy(TwinQuery::select).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("selectAll()");
        assertThatThrownBy(() -> select(List.of())).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> selectAll().top(0)).isInstanceOf(InvalidQueryException.class)
                .hasMessage("TOP must be at least 1, but is 0");
        assertThatThrownBy(() -> selectAll().top(-1)).isInstanceOf(InvalidQueryException.class)
                .hasMessage("TOP must be at least 1, but is -1");
        for (String alias : List.of("", "1n", "select", "Count", "-a", "a-", "a--b", "a-$b", "a b")) {
            assertThatThrownBy(() -> count().as(alias)).as(alias).isInstanceOf(InvalidQueryException.class)
                    .hasMessageContaining("must be an identifier");
            assertThatThrownBy(() -> deviceId().as(alias)).as(alias).isInstanceOf(InvalidQueryException.class);
        }
        assertThatThrownBy(() -> selectCount("from")).isInstanceOf(InvalidQueryException.class);
    }

    @Test
    void hyphenatedKeysAndAliasesAsTheSdkE2eTestsWriteThem() {
        String key = "KeyQuery1b4e28ba-2fa1-11d2-883f-0016d3cca427";
        Query query = select(desired(key).as(key), count().as("numberOfDevices")).groupBy(desired(key))
                .fromDevices();
        assertThat(query.toSql()).isEqualTo("SELECT properties.desired.[[" + key + "]] AS " + key
                + ", COUNT() AS numberOfDevices FROM devices GROUP BY properties.desired.[[" + key + "]]");
        Query raw = QueryParser.parse("SELECT properties.desired." + key + " AS " + key + ", COUNT() AS"
                + " numberOfDevices FROM devices GROUP BY properties.desired." + key);
        assertThat(raw).isEqualTo(query);
        assertThat(QueryParser.parse(raw.toSql())).isEqualTo(raw);
    }

    @Test
    void aSharedStepStartsIndependentQueries() {
        SelectStep step = select(deviceId(), tag("site"));
        GroupByStep limited = step.top(2);
        WhereStep devices = step.fromDevices();
        Query filtered = devices.where(tag("site").eq("a"));
        Query other = devices.where(tag("site").eq("b"));
        Query modules = step.fromModules();

        assertThat(step).isNotEqualTo(limited).hasToString("SELECT deviceId, tags.site");
        assertThat(limited).hasToString("SELECT TOP 2 deviceId, tags.site");
        assertThat(devices.toSql()).isEqualTo("SELECT deviceId, tags.site FROM devices");
        assertThat(filtered.toSql()).isEqualTo("SELECT deviceId, tags.site FROM devices WHERE tags.site = 'a'");
        assertThat(other.toSql()).isEqualTo("SELECT deviceId, tags.site FROM devices WHERE tags.site = 'b'");
        assertThat(modules.toSql()).isEqualTo("SELECT deviceId, tags.site FROM devices.modules");
        assertThat(limited.fromDevices().toSql()).isEqualTo("SELECT TOP 2 deviceId, tags.site FROM devices");
        assertThat(step.fromDevices()).isEqualTo(devices).isNotSameAs(devices);
    }

    @Test
    void aSharedConditionCombinesIndependently() {
        Condition plant = tag("location.plant").eq("Redmond43");
        Condition cellular = plant.and(reported("connectivity.type").eq("cellular"));
        Condition wifi = plant.and(reported("connectivity.type").eq("wifi"));

        assertThat(plant).hasToString("tags.location.plant = 'Redmond43'");
        assertThat(cellular).hasToString(
                "tags.location.plant = 'Redmond43' AND properties.reported.connectivity.type = 'cellular'");
        assertThat(wifi).hasToString(
                "tags.location.plant = 'Redmond43' AND properties.reported.connectivity.type = 'wifi'");
    }

    @Test
    void stepsCompareStructurally() {
        assertThat(selectAll()).isEqualTo(selectAll()).hasSameHashCodeAs(selectAll()).hasToString("SELECT *");
        assertThat(select(deviceId()).top(3)).isEqualTo(select(deviceId()).top(3))
                .hasSameHashCodeAs(select(deviceId()).top(3)).isNotEqualTo(select(deviceId()));
        assertThat(select(tag("a"), count().as("n")).groupBy(tag("a")))
                .isEqualTo(select(tag("a"), count().as("n")).groupBy(tag("a")))
                .isNotEqualTo(select(tag("a"), count().as("n")).groupBy(tag("b")))
                .hasToString("SELECT tags.a, COUNT() AS n GROUP BY tags.a");
    }

    @Test
    void logicCombinesConditions() {
        Condition a = deviceId().eq("a");
        Condition b = version().gt(2);
        Condition c = tag("x").isDefined();

        assertThat(and(a)).isSameAs(a);
        assertThat(or(a)).isSameAs(a);
        assertThat(and(a, b, c)).hasToString("deviceId = 'a' AND version > 2 AND IS_DEFINED(tags.x)")
                .isEqualTo(a.and(b).and(c));
        assertThat(or(a, b, c)).hasToString("deviceId = 'a' OR version > 2 OR IS_DEFINED(tags.x)")
                .isEqualTo(a.or(b.or(c)));
        assertThat(or(and(a, b), c)).hasToString("(deviceId = 'a' AND version > 2) OR IS_DEFINED(tags.x)");
        assertThat(and(or(a, b), not(c))).hasToString("(deviceId = 'a' OR version > 2) AND NOT (IS_DEFINED(tags.x))");
        assertThat(not(not(a))).hasToString("NOT (NOT (deviceId = 'a'))");
        assertThat(and(a, b).expression()).isInstanceOf(And.class);
    }

    @Test
    void pathsStartWhereTheirFactoryNames() {
        assertThat(tag("location.plant").path().twinPath().segments()).containsExactly("tags", "location", "plant");
        assertThat(desired("fw.version").path().twinPath())
                .isEqualTo(TwinPath.of("properties", "desired", "fw", "version"));
        assertThat(reported("temperature").path().twinPath())
                .isEqualTo(TwinPath.parse("properties.reported.temperature"));
        assertThat(field("tags", "group", "x").path()).isEqualTo(tag("group.x").path());
        assertThat(field("Tags", "Location")).hasToString("tags.Location");
        assertThat(field("LASTACTIVITYTIME").path()).isEqualTo(lastActivityTime().path());
        assertThat(tag("my-key.M\u00fcnchen.from.x1").toString())
                .isEqualTo("tags.[[my-key]].[[M\u00fcnchen]].[[from]].x1");
        assertThat(tag("_a.B9")).hasToString("tags._a.B9");
    }

    @Test
    void keysNoTwinCanHoldAreRejected() {
        assertInvalid(() -> field("tags", "a.b"), "'.'");
        assertInvalid(() -> desired("$version"), "'$'");
        assertInvalid(() -> reported("$metadata.x"), "'$'");
        assertInvalid(() -> tag("a]]"), "]]");
        assertInvalid(() -> tag("a]"), "ends with");
        assertInvalid(() -> tag("a]]b.c"), "]]");
        assertInvalid(() -> tag("#x"), "'#'");
        assertInvalid(() -> tag("a b"), "' '");
        assertInvalid(() -> tag("line\nbreak"), "\\u000A");
        assertInvalid(() -> tag(""), "must not be empty");
        assertInvalid(() -> tag("a..b"), "must not be empty");
        assertInvalid(() -> tag("a."), "must not be empty");
        assertInvalid(() -> field(), "at least one segment");
        assertInvalid(() -> field("tag", "x"), "'tag' is not a root field");
        assertInvalid(() -> configurationStatus("a.b"), "'.'");
        assertInvalid(() -> tag("['a.b']"), "'.'");
        assertInvalid(() -> tag("a['']"), "must not be empty");
        assertInvalid(() -> field(TwinPath.root()), "at least one segment");
        assertInvalid(() -> field(TwinPath.of("tag", "x")), "'tag' is not a root field");
    }

    @Test
    void dslPathsAreTwinPathText() {
        assertThat(tag("a['my-key'].b")).isEqualTo(tag("a.my-key.b")).hasToString("tags.a.[[my-key]].b");
        assertThat(reported("['O\\'Brien']").path().twinPath())
                .isEqualTo(TwinPath.of("properties", "reported", "O'Brien"));
        assertThat(field(TwinPath.parse("Tags.group.x"))).isEqualTo(field("tags", "group", "x"))
                .hasToString("tags.[[group]].x");
        assertThat(field(TwinPath.of("deviceId"))).hasToString("deviceId");
        assertThatThrownBy(() -> field((TwinPath) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("path");
    }

    @Test
    void malformedDslPathTextIsAnInvalidQueryNamingThePosition() {
        assertInvalid(() -> tag("a['b"), "at index 4");
        assertInvalid(() -> desired("x.['y']"), "at index 2");
        assertInvalid(() -> reported("[y]"), "at index 1");
    }

    private static void assertInvalid(Runnable call, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOf(InvalidQueryException.class).hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(((InvalidQueryException) e).errorCode())
                        .isEqualTo(IotHubErrorCode.ARGUMENT_INVALID));
    }

    @Test
    void nullArgumentsAreRejectedByName() {
        assertThatThrownBy(() -> tag(null)).isInstanceOf(NullPointerException.class).hasMessage("dottedPath");
        assertThatThrownBy(() -> desired(null)).isInstanceOf(NullPointerException.class).hasMessage("dottedPath");
        assertThatThrownBy(() -> reported(null)).isInstanceOf(NullPointerException.class).hasMessage("dottedPath");
        assertThatThrownBy(() -> field((String[]) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("segments");
        assertThatThrownBy(() -> field("tags", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("segments[1]");
        assertThatThrownBy(() -> select(deviceId(), null)).isInstanceOf(NullPointerException.class)
                .hasMessage("items[1]");
        assertThatThrownBy(() -> select((Selected[]) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("items");
        assertThatThrownBy(() -> selectCount(null)).isInstanceOf(NullPointerException.class).hasMessage("alias");
        assertThatThrownBy(() -> avg((Field) null)).isInstanceOf(NullPointerException.class).hasMessage("field");
        assertThatThrownBy(() -> configurationStatus(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("configurationId");
        assertThatThrownBy(() -> not(null)).isInstanceOf(NullPointerException.class).hasMessage("condition");
        assertThatThrownBy(() -> and(null)).isInstanceOf(NullPointerException.class).hasMessage("first");
        assertThatThrownBy(() -> or(deviceId().eq("a"), deviceId().eq("b"), null))
                .isInstanceOf(NullPointerException.class).hasMessage("more[1]");
        assertThatThrownBy(() -> selectAll().from(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("source");
        assertThatThrownBy(() -> selectAll().groupBy(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("field");
    }

    @Test
    void typedRootFieldsHaveTheServicePaths() {
        assertThat(Stream.of(deviceId(), moduleId(), etag(), modelId(), statusReason(), deviceScope(), status(),
                connectionState(), authenticationType(), lastActivityTime(), statusUpdateTime(), version(),
                cloudToDeviceMessageCount(), iotEdge(), configurationStatus("cfg1")).map(Object::toString))
                .containsExactly("deviceId", "moduleId", "etag", "modelId", "statusReason", "deviceScope", "status",
                        "connectionState", "authenticationType", "lastActivityTime", "statusUpdateTime", "version",
                        "cloudToDeviceMessageCount", "capabilities.iotEdge", "configurations.cfg1.status");
        assertThat(Stream.of(deviceId(), moduleId(), etag(), modelId(), version(), iotEdge(), status())
                .allMatch(f -> SqlText.isRootField(f.path().twinPath().firstSegment()))).isTrue();
    }

    @Test
    void typedFieldsRenderTheServiceSpellingOfEnums() {
        assertThat(status().eq(DeviceStatus.DISABLED)).hasToString("status = 'disabled'");
        assertThat(status().ne(DeviceStatus.ENABLED)).hasToString("status != 'enabled'");
        assertThat(connectionState().eq(ConnectionState.DISCONNECTED)).hasToString("connectionState = 'Disconnected'");
        assertThat(authenticationType().in(AuthenticationType.SELF_SIGNED, AuthenticationType.CERTIFICATE_AUTHORITY))
                .hasToString("authenticationType IN ['selfSigned', 'certificateAuthority']");
        assertThat(configurationStatus("my-config").eq(ConfigurationStatus.APPLIED))
                .hasToString("configurations.[[my-config]].status = 'Applied'");
        assertThat(version().ge(3)).hasToString("version >= 3");
        assertThat(iotEdge().isTrue()).hasToString("capabilities.iotEdge = true");
        assertThat(statusUpdateTime().le(Instant.parse("2021-09-10T17:03:18.9761939Z")))
                .hasToString("statusUpdateTime <= '2021-09-10T17:03:18.9761939Z'");
    }

    @Test
    void injectionAttemptsStayInsideTheirLiteral() {
        Query query = selectAll().fromDevices().where(tag("owner").eq("x' OR '1'='1"));

        assertThat(query.toSql()).isEqualTo("SELECT * FROM devices WHERE tags.owner = 'x\\' OR \\'1\\'=\\'1'");
        assertThat(query.where()).hasValue(new Comparison(QueryPath.of("tags", "owner"),
                ComparisonOperator.EQUAL, Literal.of("x' OR '1'='1")));
        assertThat(deviceId().eq("C:\\data\\")).hasToString("deviceId = 'C:\\\\data\\\\'");
        assertThat(deviceId().eq("a\\'b")).hasToString("deviceId = 'a\\\\\\'b'");
        assertThat(tag("note").eq("line1\nline2\r\t")).hasToString("tags.note = 'line1\\u000Aline2\\u000D\\u0009'");
        assertThat(tag("note").eq("the \"big\" one")).hasToString("tags.note = 'the \"big\" one'");
        assertThat(deviceId().in("O'Brien", "') OR true --")).hasToString(
                "deviceId IN ['O\\'Brien', '\\') OR true --']");
        assertThat(deviceId().startsWith("a' OR deviceId != '")).hasToString(
                "STARTSWITH(deviceId, 'a\\' OR deviceId != \\'')");
        assertThat(selectAll().fromDevices().where(tag("x").eq("'; SELECT * FROM devices.jobs")).toSql())
                .isEqualTo("SELECT * FROM devices WHERE tags.x = '\\'; SELECT * FROM devices.jobs'");
    }
}
