package io.embapi.shared.apistandard;

/** An API standard's event stream is {@code api-standard:<handle>}. */
public final class ApiStandardIds {

    private ApiStandardIds() {
    }

    public static String aggregateId(String handle) {
        return "api-standard:" + handle;
    }
}
