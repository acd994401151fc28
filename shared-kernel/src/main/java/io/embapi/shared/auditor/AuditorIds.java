package io.embapi.shared.auditor;

/** An auditor credential's event stream is {@code auditor:<handle>}; auditor handles are not user handles. */
public final class AuditorIds {

    private static final String PREFIX = "auditor:";

    private AuditorIds() {
    }

    public static String aggregateId(String auditorHandle) {
        return PREFIX + auditorHandle;
    }
}
