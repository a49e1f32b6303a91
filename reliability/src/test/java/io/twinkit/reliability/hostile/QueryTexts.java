package io.twinkit.reliability.hostile;

import java.util.List;

/** Query texts for the fuzz and injection tests: valid queries to mutate, tokens to splice, and escape attempts. */
final class QueryTexts {

    /** Valid queries of IoT Hub's language, the seeds of the mutations. */
    static final List<String> VALID = List.of(
            "SELECT * FROM devices",
            "SELECT * FROM devices WHERE tags.location.region = 'US'",
            "SELECT * FROM devices WHERE properties.reported.temp > 20.5 AND NOT (tags.a = 'x' OR tags.b != 3)",
            "SELECT deviceId, properties.reported.seq AS seq FROM devices WHERE properties.reported.seq >= 0",
            "SELECT COUNT() AS n FROM devices",
            "SELECT properties.reported.status AS status, COUNT() AS n FROM devices GROUP BY "
                    + "properties.reported.status",
            "SELECT TOP 5 * FROM devices WHERE STARTSWITH(deviceId, 'dev') AND IS_DEFINED(tags.owner)",
            "SELECT * FROM devices.modules WHERE moduleId IN ['a', 'b'] AND tags.[[group]].name NIN [1, 2]",
            "SELECT * FROM devices.jobs",
            "SELECT * FROM devices WHERE tags.owner = 'O\\'Brien' AND tags.x = \"d\\\"q\" AND tags.u = '\\u00e9'",
            "select * from devices where (tags.a + 2) * 3 % 4 - 1 / 5 = 0x1F",
            "SELECT SUM(tags.a) AS s, MIN(tags.b) AS lo, MAX(tags.c) AS hi, AVG(tags.d) AS m FROM devices");

    /** Tokens spliced into queries: the language's own, and those of other SQL dialects and of JSON. */
    static final List<String> TOKENS = List.of("SELECT", "FROM", "WHERE", "GROUP", "BY", "TOP", "AS", "AND", "OR",
            "NOT", "IN", "NIN", "COUNT()", "SUM(", "IS_DEFINED(", "STARTSWITH(", "devices", "devices.modules",
            "devices.jobs", "*", ",", ".", "(", ")", "[", "]", "[[", "]]", "'", "\"", "\\", "\\'", "\\u0000", "=",
            "!=", "<>", "<", ">=", "+", "-", "/", "%", "0x", "1e309", "-9223372036854775809", "true", "null",
            "undefined", "tags.", "properties.desired.", "$version", ";", "--", "/*", "*/", "DROP TABLE devices",
            "DELETE FROM devices", "UNION SELECT", "INSERT INTO", "UPDATE devices SET", "(SELECT * FROM devices)",
            "'; DROP --", "\u0000", "\n", "\u2028", "{\"$version\":1}", " ", "ORDER BY", "LIMIT 1", "JOIN");

    /**
     * Attempts to reach beyond the query language: statement separators, comments, other statements, nested and
     * joined selects, JSON smuggled through strings, and absurd sizes and nesting.
     */
    static List<String> escapes() {
        return List.of(
                "SELECT * FROM devices; DROP TABLE devices",
                "SELECT * FROM devices;DELETE FROM devices",
                "SELECT * FROM devices WHERE deviceId = 'x'; DELETE FROM devices --'",
                "SELECT * FROM devices WHERE deviceId = 'x' -- AND tags.secret = 1",
                "SELECT * FROM devices /* comment */ WHERE deviceId = 'x'",
                "SELECT * FROM devices WHERE deviceId = 'a' OR 1=1 --",
                "SELECT * FROM devices WHERE deviceId = '' OR ''=''",
                "SELECT * FROM devices WHERE deviceId IN (SELECT deviceId FROM devices.modules)",
                "SELECT * FROM (SELECT * FROM devices)",
                "SELECT * FROM devices JOIN devices.modules ON devices.deviceId = devices.modules.deviceId",
                "SELECT * FROM devices UNION SELECT * FROM devices.modules",
                "DELETE FROM devices",
                "UPDATE devices SET tags.owner = 'mallory'",
                "INSERT INTO devices VALUES ('x')",
                "SELECT * FROM devices WHERE tags.owner = 'x\"}, \"tags\": {\"owner\": \"mallory\"}, \"x\": {\"'",
                "SELECT * FROM devices WHERE tags.owner = '\\u0027 OR 1=1 --'",
                "SELECT * FROM devices WHERE tags.owner = 'x\\' OR \\'1\\'=\\'1'",
                "SELECT * FROM devices WHERE tags.[[owner']] OR 1=1 --]] = 1",
                "SELECT * FROM devices WHERE tags.owner = 'unterminated",
                "SELECT * FROM devices WHERE tags.a = \u0000",
                "SELECT * FROM devices WHERE " + "(".repeat(10_000) + "tags.a = 1" + ")".repeat(10_000),
                "SELECT * FROM devices WHERE " + "(".repeat(4_070) + "tags.a = 1" + ")".repeat(4_070),
                "SELECT * FROM devices WHERE " + "NOT ".repeat(2_030) + "tags.a = 1",
                "SELECT * FROM devices WHERE tags.a = " + "-".repeat(8_000) + "1",
                "SELECT * FROM devices WHERE " + "IS_DEFINED(".repeat(600) + "tags.a" + ")".repeat(600),
                "SELECT * FROM devices WHERE tags.a IN [" + "[".repeat(4_000) + "]".repeat(4_000) + "]",
                "SELECT * FROM devices WHERE " + "NOT ".repeat(10_000) + "tags.a = 1",
                "SELECT * FROM devices WHERE tags.a = " + "1 + ".repeat(3_000) + "1",
                "SELECT * FROM devices WHERE tags.a = '" + "x".repeat(8_200) + "'",
                "SELECT * FROM devices WHERE tags.a IN [" + "1, ".repeat(2_000) + "1]",
                "SELECT " + "tags.a, ".repeat(1_000) + "tags.a FROM devices",
                "x".repeat(1_000_000));
    }

    private QueryTexts() {
    }
}
