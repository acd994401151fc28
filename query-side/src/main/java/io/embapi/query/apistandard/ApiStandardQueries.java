package io.embapi.query.apistandard;

/** The queries of the API standard read model. */
final class ApiStandardQueries {

    private ApiStandardQueries() {
    }

    /** The standard with this handle, if it exists. */
    record FindApiStandard(String handle) {
    }

    /** A page of standards ordered by handle. */
    record ListApiStandards(int limit, int offset) {
    }
}
