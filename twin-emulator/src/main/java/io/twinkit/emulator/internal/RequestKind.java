package io.twinkit.emulator.internal;

/** A kind of request that IoT Hub throttles on its own quota. */
public enum RequestKind {
    /** A service or device read of one twin, limited per second. */
    TWIN_READ("twin reads", "second"),
    /** A service update or replace, or a device reported-properties update, of one twin, limited per second. */
    TWIN_UPDATE("twin updates", "second"),
    /** One query request, a first page or a continuation, limited per minute. */
    QUERY("queries", "minute");

    private final String plural;
    private final String period;

    RequestKind(String plural, String period) {
        this.plural = plural;
        this.period = period;
    }

    /** Returns the name of the requests in the plural, for messages: {@code twin reads}. */
    public String plural() {
        return plural;
    }

    /** Returns the period the quota is given for, for messages: {@code second}. */
    public String period() {
        return period;
    }
}
