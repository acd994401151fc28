package io.embapi.command.project;

import io.embapi.shared.project.ProjectSettings;

/** A project's current input representation and stream version, as PATCH starts from it. */
record ProjectDescription(String owner, String projectHandle, ProjectSettings settings, long version) {
}
