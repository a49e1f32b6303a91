package io.twinkit.query;

/**
 * An item of a {@code SELECT} list, as {@link TwinQuery#select(Selected...)} takes it: a field ({@code deviceId()},
 * {@code tag("location.region")}), a field under an alias ({@code reported("temperature").as("t")}), or an aggregate
 * under its alias ({@code count().as("n")}). An aggregate without an alias is not a {@code Selected}, because IoT Hub
 * needs one to name the result member.
 */
public sealed interface Selected permits TwinField, SelectItem {

    /** Returns the query-tree projection of this item. */
    Projection projection();
}
