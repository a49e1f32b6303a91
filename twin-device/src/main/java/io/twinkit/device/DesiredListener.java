package io.twinkit.device;

/**
 * A listener for desired-property changes. Calls come on the connection's single dispatch thread, in order, each with a
 * strictly newer desired {@code $version} than the call before.
 */
@FunctionalInterface
public interface DesiredListener {

    /**
     * Called with a change of the desired properties.
     *
     * @param update the change and the full desired properties after it
     */
    void onDesired(DesiredUpdate update);
}
