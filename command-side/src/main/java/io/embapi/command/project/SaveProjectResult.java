package io.embapi.command.project;

/** The outcome of saving a project: its id, whether it was created, and its public flag now. */
record SaveProjectResult(long projectId, boolean created, boolean publicRead) {
}
