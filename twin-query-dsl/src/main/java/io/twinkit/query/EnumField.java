package io.twinkit.query;

import io.twinkit.core.WireNamed;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
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
public final class EnumField<E extends Enum<E> & WireNamed> extends PathField {

    private final Class<E> type;

    EnumField(QueryPath path, Class<E> type) {
        super(path);
        this.type = Objects.requireNonNull(type, "type");
    }

    /** Returns the enum of the field's values. */
    public Class<E> type() {
        return type;
    }

    /** Returns {@code this = 'wireName'}. */
    public Condition eq(E value) {
        return compare(ComparisonOperator.EQUAL, Literal.of(wireName(value, "value")));
    }

    /** Returns {@code this != 'wireName'}; undefined, so not matching, where the field is missing. */
    public Condition ne(E value) {
        return compare(ComparisonOperator.NOT_EQUAL, Literal.of(wireName(value, "value")));
    }

    /**
     * Returns {@code this IN ['wireName', ...]}; a single value gives {@code this = 'wireName'}.
     *
     * @throws InvalidQueryException if {@code values} is empty
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public final Condition in(E... values) {
        return DslSupport.membership(path(), false, wireNames(values));
    }

    /**
     * Returns {@code this NIN ['wireName', ...]}; a single value gives {@code this != 'wireName'}, which means the
     * same.
     *
     * @throws InvalidQueryException if {@code values} is empty
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public final Condition nin(E... values) {
        return DslSupport.membership(path(), true, wireNames(values));
    }

    private static List<JsonValue> wireNames(WireNamed[] values) {
        Objects.requireNonNull(values, "values");
        List<JsonValue> names = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            names.add(JsonString.of(wireName(values[i], "values[" + i + "]")));
        }
        return names;
    }

    private static String wireName(@Nullable WireNamed value, String name) {
        return Objects.requireNonNull(value, name).wireName();
    }

    /** Returns whether {@code obj} is an enum field of the same enum on the same path. */
    @Override
    public boolean equals(@Nullable Object obj) {
        return super.equals(obj) && type == ((EnumField<?>) obj).type;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + type.hashCode();
    }
}
