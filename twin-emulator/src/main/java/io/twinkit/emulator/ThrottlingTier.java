package io.twinkit.emulator;

/**
 * An IoT Hub tier whose twin and query rate limits the emulator can enforce, answering
 * {@link ThrottledException} (429001) past them. Rates are per unit, with the service's floors.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-quotas-throttling">Quotas and throttling</a>
 */
public enum ThrottlingTier {
    /** S1: twin reads 100/s, twin updates 50/s, queries 20/min per unit. */
    S1(100, 0, 50, 0, 20),
    /** S2: twin reads max(100/s, 10/s per unit), updates max(50/s, 5/s per unit), queries 20/min per unit. */
    S2(100, 10, 50, 5, 20),
    /** S3: twin reads 500/s per unit, updates 250/s per unit, queries 1000/min per unit. */
    S3(0, 500, 0, 250, 1000);

    private final int readFloor;
    private final int readPerUnit;
    private final int updateFloor;
    private final int updatePerUnit;
    private final int queriesPerMinutePerUnit;

    ThrottlingTier(int readFloor, int readPerUnit, int updateFloor, int updatePerUnit, int queriesPerMinutePerUnit) {
        this.readFloor = readFloor;
        this.readPerUnit = readPerUnit;
        this.updateFloor = updateFloor;
        this.updatePerUnit = updatePerUnit;
        this.queriesPerMinutePerUnit = queriesPerMinutePerUnit;
    }

    /** Returns the twin reads allowed per second for {@code units} units. */
    public int twinReadsPerSecond(int units) {
        return Math.max(readFloor, readPerUnit * units);
    }

    /** Returns the twin updates allowed per second for {@code units} units. */
    public int twinUpdatesPerSecond(int units) {
        return Math.max(updateFloor, updatePerUnit * units);
    }

    /** Returns the queries allowed per minute for {@code units} units. */
    public int queriesPerMinute(int units) {
        return queriesPerMinutePerUnit * units;
    }
}
