package io.twinkit.query;

/**
 * What the items of a {@link QueryPage} are, the {@code x-ms-item-type} header of the service's query response.
 *
 * @see <a href="https://learn.microsoft.com/rest/api/iothub/service/query/get-twins">Query - Get Twins</a>
 */
public enum QueryItemType {
    /** Whole twins, from {@code SELECT *} over {@code devices} or {@code devices.modules}. */
    TWIN("twin"),
    /** Plain rows, from projections and aggregates. */
    RAW("raw"),
    /** Device job records, from {@code SELECT * FROM devices.jobs}. */
    DEVICE_JOB("deviceJob"),
    /** Jobs, from the job list by type and status ({@code GET /jobs/v2/query}). */
    JOB_RESPONSE("jobResponse");

    private final String wireName;

    QueryItemType(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the value of the {@code x-ms-item-type} header, e.g. {@code twin}. */
    public String wireName() {
        return wireName;
    }
}
