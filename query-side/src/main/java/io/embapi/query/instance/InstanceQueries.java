package io.embapi.query.instance;

/** The queries of the instance read model. */
final class InstanceQueries {

    private InstanceQueries() {
    }

    /** The instance {@code owner/handle} as {@code viewer} sees it (viewer {@code admin} sees no role). */
    record FindInstance(String owner, String instanceHandle, String viewer) {
    }

    /** A page of the instances a user owns or was given access to. */
    record ListAccessibleInstances(String userHandle, int limit, int offset) {
    }

    /** A page of the users an instance is shared with. */
    record ListInstanceShares(String owner, String instanceHandle, int limit, int offset) {
    }

    /** A share as listed. */
    record Share(String userHandle, String role) {
    }
}
