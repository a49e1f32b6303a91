package io.twinkit.examples;

import io.twinkit.core.error.ServiceException;
import static io.twinkit.query.TwinQuery.reported;
import static io.twinkit.query.TwinQuery.selectAll;
import static io.twinkit.query.TwinQuery.tag;

import io.twinkit.core.DeviceId;
import io.twinkit.core.MergePatch;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinKey;
import io.twinkit.query.Query;
import io.twinkit.service.TwinPatch;
import io.twinkit.service.TwinServiceClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The back-end half of the tutorial: tags a device with its location and finds devices with queries. The same code
 * serves the one-process {@link Tutorial} and the separate {@link BackEndProgram}.
 *
 * <p>IoT Hub updates its query index a few seconds after a write, so each query is asked again (every
 * {@link #POLL_INTERVAL}) until its answer is the expected one or the timeout has passed; an emulator answers
 * right away. Not thread-safe.
 */
public final class TutorialBackEnd {

    /** The tags the back end adds: {@code {"location":{"region":"US","plant":"Redmond43"}}}. */
    public static final MergePatch LOCATION_TAGS = MergePatch.builder()
            .set("location.region", "US")
            .set("location.plant", "Redmond43")
            .build();

    /** The devices of plant Redmond43. */
    public static final Query IN_REDMOND43 = selectAll().fromDevices().where(tag("location.plant").eq("Redmond43"));

    /** The devices of plant Redmond43 that report a cellular connection. */
    public static final Query ON_CELLULAR_IN_REDMOND43 = selectAll().fromDevices()
            .where(tag("location.plant").eq("Redmond43").and(reported("connectivity.type").eq("cellular")));

    /** The pause between two runs of a query whose answer is not the expected one yet. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private final TwinServiceClient client;
    private final DeviceId deviceId;
    private final Steps steps;
    private final Duration queryTimeout;
    private boolean askedForCellular;

    /**
     * Creates the back end.
     *
     * @param client the service client
     * @param deviceId the device to tag and find
     * @param steps the program's output
     * @param queryTimeout how long a query is asked again before the step fails
     */
    public TutorialBackEnd(TwinServiceClient client, DeviceId deviceId, Steps steps, Duration queryTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.steps = Objects.requireNonNull(steps, "steps");
        this.queryTimeout = Objects.requireNonNull(queryTimeout, "queryTimeout");
    }

    /**
     * Adds {@link #LOCATION_TAGS} to the device's twin and checks the twin the hub returns.
     *
     * @throws ExampleFailure if the returned twin does not have the tags
     * @throws io.twinkit.core.error.ServiceException if the hub refuses the update
     */
    public void addLocationTags() {
        steps.step("Back end adds tags to " + deviceId.value() + ": " + LOCATION_TAGS);
        TwinDocument twin = client.update(TwinKey.device(deviceId), TwinPatch.ofTags(LOCATION_TAGS));
        steps.check(twin.tags().getString("location.plant").orElse("").equals("Redmond43"),
                "the twin came back with tags " + twin.tags() + ", not in plant Redmond43");
    }

    /**
     * Finds the devices of plant Redmond43, which must include the device.
     *
     * @return the ids found
     * @throws ExampleFailure if the device is not among them when the timeout has passed
     */
    public List<String> findInRedmond43() {
        steps.step("Back end finds the devices in plant Redmond43:");
        List<String> ids = await(IN_REDMOND43, found -> found.contains(deviceId.value()));
        steps.detail("found: " + Steps.ids(ids));
        steps.check(ids.contains(deviceId.value()), deviceId.value() + " is not in Redmond43; found " + ids);
        return ids;
    }

    /**
     * Finds the devices of plant Redmond43 on a cellular connection.
     *
     * @param expectDevice whether the device must be among them (it reported cellular) or must not (not yet)
     * @return the ids found
     * @throws ExampleFailure if the device's presence is not as expected when the timeout has passed
     */
    public List<String> findOnCellular(boolean expectDevice) {
        steps.step(askedForCellular ? "Back end asks again:" : "Back end finds the devices in Redmond43 on cellular:");
        askedForCellular = true;
        List<String> ids = await(ON_CELLULAR_IN_REDMOND43, found -> found.contains(deviceId.value()) == expectDevice);
        steps.detail("found: " + Steps.ids(ids) + (expectDevice || !ids.isEmpty() ? ""
                : " yet (" + deviceId.value() + " has not reported its connectivity)"));
        steps.check(ids.contains(deviceId.value()) == expectDevice, expectDevice
                ? deviceId.value() + " did not show up on cellular within " + queryTimeout.toSeconds() + " s"
                : deviceId.value() + " is on cellular before it reported so");
        return ids;
    }

    /** Runs the query until {@code expected} accepts its device ids or the timeout passes; returns the last ids. */
    private List<String> await(Query query, Predicate<List<String>> expected) {
        steps.detail(query.toSql());
        long deadline = System.nanoTime() + queryTimeout.toNanos();
        boolean waited = false;
        while (true) {
            List<String> ids = client.queries().twins(query).map(twin -> twin.deviceId().value()).toList();
            if (expected.test(ids) || System.nanoTime() > deadline) {
                return ids;
            }
            if (!waited) {
                steps.detail("(not yet; asking again every " + POLL_INTERVAL.toMillis() + " ms for up to "
                        + queryTimeout.toSeconds() + " s: a hub's query results trail its writes by seconds)");
                waited = true;
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExampleFailure("interrupted while waiting for the query " + query);
            }
        }
    }
}
