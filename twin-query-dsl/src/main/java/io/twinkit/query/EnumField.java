package io.twinkit.query;

import io.twinkit.core.AuthenticationType;
import io.twinkit.core.ConfigurationStatus;
import io.twinkit.core.ConnectionState;
import io.twinkit.core.DeviceStatus;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.ast.ComparisonOperator;
import io.twinkit.query.ast.Literal;
import io.twinkit.query.ast.QueryPath;
import io.twinkit.query.sql.SqlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A twin field that holds one of the service's enumerated strings, such as {@code status()},
 * {@code connectionState()} or {@code authenticationType()}: it compares with constants of its enum, written as the
 * service spells them.
 *
 * <pre>{@code
 * status().eq(DeviceStatus.DISABLED)                       // status = 'disabled'
 * connectionState().eq(ConnectionState.CONNECTED)          // connectionState = 'Connected'
 * authenticationType().in(AuthenticationType.SAS, AuthenticationType.NONE)
 *                                                          // authenticationType IN ['sas', 'none']
 * }</pre>
 *
 * <p>The service compares the stored strings case-sensitively, so the constant's wire name, in the stored casing, is
 * what is written. Immutable and thread-safe. Equality compares the paths and enum types; {@code toString()} is the
 * SQL text of the path.
 *
 * @param <E> the enum of the field's values
 */
public final class EnumField<E extends Enum<E>> implements TwinField {

    private final QueryPath path;
    private final Class<E> type;

    EnumField(QueryPath path, Class<E> type) {
        this.path = Objects.requireNonNull(path, "path");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** Returns the path from the twin root. */
    @Override
    public QueryPath path() {
        return path;
    }

    /** Returns the enum of the field's values. */
    public Class<E> type() {
        return type;
    }

    /** Returns {@code this = 'wireName'}. */
    public Condition eq(E value) {
        return DslSupport.compare(path, ComparisonOperator.EQUAL, Literal.of(wireName(value, "value")));
    }

    /** Returns {@code this != 'wireName'}; undefined, so not matching, where the field is missing. */
    public Condition ne(E value) {
        return DslSupport.compare(path, ComparisonOperator.NOT_EQUAL, Literal.of(wireName(value, "value")));
    }

    /**
     * Returns {@code this IN ['wireName', ...]}; a single value gives {@code this = 'wireName'}.
     *
     * @throws InvalidQueryException if {@code values} is empty
     */
    @SafeVarargs
    public final Condition in(E... values) {
        Objects.requireNonNull(values, "values");
        List<JsonValue> names = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            names.add(wireName(values[i], i));
        }
        return DslSupport.membership(path, false, names);
    }

    /**
     * Returns {@code this NIN ['wireName', ...]}; a single value gives {@code this != 'wireName'}, which means the
     * same.
     *
     * @throws InvalidQueryException if {@code values} is empty
     */
    @SafeVarargs
    public final Condition nin(E... values) {
        Objects.requireNonNull(values, "values");
        List<JsonValue> names = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            names.add(wireName(values[i], i));
        }
        return DslSupport.membership(path, true, names);
    }

    private JsonValue wireName(@Nullable E value, int index) {
        return JsonString.of(wireName(value, "values[" + index + "]"));
    }

    private String wireName(@Nullable E value, String name) {
        Objects.requireNonNull(value, name);
        // the core enums share no interface, and EnumField is only made for these four
        if (value instanceof DeviceStatus status) {
            return status.wireName();
        }
        if (value instanceof ConnectionState state) {
            return state.wireName();
        }
        if (value instanceof AuthenticationType authentication) {
            return authentication.wireName();
        }
        if (value instanceof ConfigurationStatus configuration) {
            return configuration.wireName();
        }
        throw new IllegalStateException("no wire name known for " + type.getName());
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof EnumField<?> other && path.equals(other.path) && type == other.type;
    }

    @Override
    public int hashCode() {
        return 31 * path.hashCode() + type.hashCode();
    }

    /** Returns the SQL text of the path, such as {@code status}. */
    @Override
    public String toString() {
        return SqlWriter.render(path);
    }
}
