package io.embapi.query.project;

/** The queries of the project read model. */
final class ProjectQueries {

    private ProjectQueries() {
    }

    /** The project {@code owner/projectHandle}, if it exists. */
    record FindProject(String owner, String projectHandle) {
    }

    /** The instance a project links to, as a viewer sees it. */
    record FindInstanceLink(String owner, String instanceHandle, String viewer) {
    }

    /** A page of the projects a user owns or was given access to. */
    record ListAccessibleProjects(String userHandle, int limit, int offset) {
    }
}
