package io.embapi.query.project;

/** The queries of the project read model. */
final class ProjectQueries {

    private ProjectQueries() {
    }

    /** The project {@code owner/projectHandle}, if it exists. */
    record FindProject(String owner, String projectHandle) {
    }

    /** A page of the projects a user owns or was given access to. */
    record ListAccessibleProjects(String userHandle, int limit, int offset) {
    }
}
