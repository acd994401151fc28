package io.embapi.query.project;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The projects a user owns or was given access to ({@code GET /v1/projects/{user_handle}}). */
@Schema(name = "GetProjectsResponseBody")
public record ProjectListView(List<ProjectSummary> projects) {
}
