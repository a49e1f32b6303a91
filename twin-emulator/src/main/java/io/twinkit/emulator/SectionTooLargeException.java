package io.twinkit.emulator;

import io.twinkit.core.TwinSection;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.validation.TwinValidationException;

/**
 * Thrown instead of a {@link TwinValidationException} for an oversized section when
 * {@link HubOptions#sizeViolationIs403()} is set: HTTP 403, as observed from the service. The service's observed code
 * 403100 has no {@link IotHubErrorCode} constant, so the error code is {@link IotHubErrorCode#IOT_HUB_QUOTA_EXCEEDED}
 * (403002). Nothing was written.
 */
public final class SectionTooLargeException extends TwinException {

    private static final long serialVersionUID = 1L;

    private final TwinSection section;

    /**
     * Creates an exception from the validation failure it replaces.
     *
     * @param cause the {@code SECTION_TOO_LARGE} violation, whose message this exception keeps
     */
    public SectionTooLargeException(TwinValidationException cause) {
        super(IotHubErrorCode.IOT_HUB_QUOTA_EXCEEDED, String.valueOf(cause.getMessage()), cause);
        this.section = cause.section();
    }

    /** Returns the section that is too large. */
    public TwinSection section() {
        return section;
    }
}
