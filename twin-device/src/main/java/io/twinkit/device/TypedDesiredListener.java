package io.twinkit.device;

/**
 * A listener for desired-property changes that receives the full desired properties mapped to a type. Calls come on
 * the client's single dispatch thread, in order, like {@link DesiredListener} calls.
 *
 * @param <T> the type the desired properties map to, typically a record
 */
@FunctionalInterface
public interface TypedDesiredListener<T> {

    /**
     * Called with the desired properties after a change.
     *
     * @param desired the full desired properties (without {@code $version}) mapped to the type
     * @param update the change as an untyped {@link DesiredUpdate}
     */
    void onDesired(T desired, DesiredUpdate update);
}
