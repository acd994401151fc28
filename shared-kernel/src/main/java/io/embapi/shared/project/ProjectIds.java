package io.embapi.shared.project;

/**
 * A project's identity is its numeric {@code project_id} (the reference's), allocated once and kept through
 * ownership transfers; its event stream is {@code project:<id>}.
 */
public final class ProjectIds {

    private static final String PREFIX = "project:";

    private ProjectIds() {
    }

    public static String aggregateId(long projectId) {
        return PREFIX + projectId;
    }
}
