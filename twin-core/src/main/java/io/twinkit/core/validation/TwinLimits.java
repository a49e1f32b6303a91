package io.twinkit.core.validation;

import io.twinkit.core.TwinSection;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The numeric limits IoT Hub applies to twin sections: key and string length in UTF-8 bytes, object depth, the
 * integer range and the maximum size of each section under the documented size algorithm.
 *
 * <p>The limits are configurable because the service has changed them before, and client-side validators that
 * hard-coded the old values rejected twins the service accepted. Until 2018 keys
 * were limited to 64 bytes and strings to 512 bytes; until 2019 objects could nest only 5 levels deep and desired and
 * reported were limited to 8 KB each. {@link #service()} holds the current values. To validate against a hub that
 * still behaves the old way, or to tighten a rule for your own devices, derive a variant:
 *
 * <pre>{@code
 * TwinLimits limits2018 = TwinLimits.service().toBuilder()
 *         .maxDepth(5)
 *         .maxDesiredSize(8192)
 *         .maxReportedSize(8192)
 *         .build();
 * TwinValidator validator = TwinValidator.of(limits2018);
 * }</pre>
 *
 * <p>Immutable and thread-safe; equality compares every limit.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-device-twins#tags-and-properties-format">Tags and properties format</a>
 */
public final class TwinLimits {

    private static final TwinLimits SERVICE = new TwinLimits(new Builder());

    private final int maxKeyBytes;
    private final int maxStringBytes;
    private final int maxDepth;
    private final long minInteger;
    private final long maxInteger;
    private final long maxTagsSize;
    private final long maxDesiredSize;
    private final long maxReportedSize;

    private TwinLimits(Builder builder) {
        this.maxKeyBytes = builder.maxKeyBytes;
        this.maxStringBytes = builder.maxStringBytes;
        this.maxDepth = builder.maxDepth;
        this.minInteger = builder.minInteger;
        this.maxInteger = builder.maxInteger;
        this.maxTagsSize = builder.maxTagsSize;
        this.maxDesiredSize = builder.maxDesiredSize;
        this.maxReportedSize = builder.maxReportedSize;
    }

    /**
     * Returns the limits the service applies today: keys of at most 1024 UTF-8 bytes, strings of at most 4096 UTF-8
     * bytes, objects at most 10 levels below the section root, integers within [-2<sup>52</sup>,
     * 2<sup>52</sup>-1], and sections of at most 8192 (tags), 32768 (desired) and 32768 (reported).
     */
    public static TwinLimits service() {
        return SERVICE;
    }

    /** Returns a builder that starts from {@link #service()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder that starts from these limits. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.maxKeyBytes = maxKeyBytes;
        builder.maxStringBytes = maxStringBytes;
        builder.maxDepth = maxDepth;
        builder.minInteger = minInteger;
        builder.maxInteger = maxInteger;
        builder.maxTagsSize = maxTagsSize;
        builder.maxDesiredSize = maxDesiredSize;
        builder.maxReportedSize = maxReportedSize;
        return builder;
    }

    /** Returns the longest key allowed, in UTF-8 bytes (service: 1024). */
    public int maxKeyBytes() {
        return maxKeyBytes;
    }

    /** Returns the longest string value allowed, in UTF-8 bytes (service: 4096). */
    public int maxStringBytes() {
        return maxStringBytes;
    }

    /** Returns the deepest object level allowed; the section root is level 0 (service: 10). */
    public int maxDepth() {
        return maxDepth;
    }

    /** Returns the smallest integer allowed (service: -4503599627370496, that is -2<sup>52</sup>). */
    public long minInteger() {
        return minInteger;
    }

    /** Returns the largest integer allowed (service: 4503599627370495, that is 2<sup>52</sup>-1). */
    public long maxInteger() {
        return maxInteger;
    }

    /** Returns the largest size allowed for {@code tags} (service: 8192). */
    public long maxTagsSize() {
        return maxTagsSize;
    }

    /** Returns the largest size allowed for {@code properties.desired} (service: 32768). */
    public long maxDesiredSize() {
        return maxDesiredSize;
    }

    /** Returns the largest size allowed for {@code properties.reported} (service: 32768). */
    public long maxReportedSize() {
        return maxReportedSize;
    }

    /** Returns the largest size allowed for {@code section}; the limit is inclusive. */
    public long maxSize(TwinSection section) {
        Objects.requireNonNull(section, "section");
        return switch (section) {
            case TAGS -> maxTagsSize;
            case DESIRED -> maxDesiredSize;
            case REPORTED -> maxReportedSize;
        };
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof TwinLimits other
                && maxKeyBytes == other.maxKeyBytes
                && maxStringBytes == other.maxStringBytes
                && maxDepth == other.maxDepth
                && minInteger == other.minInteger
                && maxInteger == other.maxInteger
                && maxTagsSize == other.maxTagsSize
                && maxDesiredSize == other.maxDesiredSize
                && maxReportedSize == other.maxReportedSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxKeyBytes, maxStringBytes, maxDepth, minInteger, maxInteger, maxTagsSize,
                maxDesiredSize, maxReportedSize);
    }

    /** Returns every limit, for logs and error reports. */
    @Override
    public String toString() {
        return "TwinLimits{maxKeyBytes=" + maxKeyBytes + ", maxStringBytes=" + maxStringBytes + ", maxDepth="
                + maxDepth + ", integers=[" + minInteger + ", " + maxInteger + "], maxTagsSize=" + maxTagsSize
                + ", maxDesiredSize=" + maxDesiredSize + ", maxReportedSize=" + maxReportedSize + "}";
    }

    /**
     * Builds {@link TwinLimits}, starting from the service defaults. Every setter rejects a value that is not
     * positive; {@link #build()} also checks that the integer range is not empty. Not thread-safe.
     */
    public static final class Builder {
        private int maxKeyBytes = 1024;
        private int maxStringBytes = 4096;
        private int maxDepth = 10;
        private long minInteger = -(1L << 52);
        private long maxInteger = (1L << 52) - 1;
        private long maxTagsSize = 8192;
        private long maxDesiredSize = 32768;
        private long maxReportedSize = 32768;

        private Builder() {
        }

        /**
         * Sets the longest key allowed, in UTF-8 bytes.
         *
         * @throws IllegalArgumentException if {@code bytes} is not positive
         */
        public Builder maxKeyBytes(int bytes) {
            maxKeyBytes = (int) positive("maxKeyBytes", bytes);
            return this;
        }

        /**
         * Sets the longest string value allowed, in UTF-8 bytes.
         *
         * @throws IllegalArgumentException if {@code bytes} is not positive
         */
        public Builder maxStringBytes(int bytes) {
            maxStringBytes = (int) positive("maxStringBytes", bytes);
            return this;
        }

        /**
         * Sets the deepest object level allowed; the section root is level 0, its object members level 1.
         *
         * @throws IllegalArgumentException if {@code levels} is not positive
         */
        public Builder maxDepth(int levels) {
            maxDepth = (int) positive("maxDepth", levels);
            return this;
        }

        /** Sets the smallest integer allowed; {@link #build()} checks it against {@link #maxInteger(long)}. */
        public Builder minInteger(long value) {
            minInteger = value;
            return this;
        }

        /** Sets the largest integer allowed; {@link #build()} checks it against {@link #minInteger(long)}. */
        public Builder maxInteger(long value) {
            maxInteger = value;
            return this;
        }

        /**
         * Sets the largest size allowed for {@code tags}.
         *
         * @throws IllegalArgumentException if {@code size} is not positive
         */
        public Builder maxTagsSize(long size) {
            maxTagsSize = positive("maxTagsSize", size);
            return this;
        }

        /**
         * Sets the largest size allowed for {@code properties.desired}.
         *
         * @throws IllegalArgumentException if {@code size} is not positive
         */
        public Builder maxDesiredSize(long size) {
            maxDesiredSize = positive("maxDesiredSize", size);
            return this;
        }

        /**
         * Sets the largest size allowed for {@code properties.reported}.
         *
         * @throws IllegalArgumentException if {@code size} is not positive
         */
        public Builder maxReportedSize(long size) {
            maxReportedSize = positive("maxReportedSize", size);
            return this;
        }

        /**
         * Returns the limits built so far.
         *
         * @throws IllegalArgumentException if {@code minInteger} is not below {@code maxInteger}
         */
        public TwinLimits build() {
            if (minInteger >= maxInteger) {
                throw new IllegalArgumentException("minInteger (" + minInteger + ") must be below maxInteger ("
                        + maxInteger + ")");
            }
            return new TwinLimits(this);
        }

        private static long positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, but got " + value);
            }
            return value;
        }
    }
}
