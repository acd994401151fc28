package io.embapi.command.project;

import io.embapi.shared.project.InstanceRef;
import java.util.Optional;

/** Set-wide facts about projects and instances that no single project aggregate holds. */
interface ProjectDirectory {

    /** The id of the live project {@code owner/projectHandle}. */
    Optional<Long> projectIdOf(String owner, String projectHandle);

    /** A fresh project id. */
    long allocateProjectId();

    /** How many embeddings the project holds now. */
    long embeddingCount(long projectId);

    /** Whether the LLM service instance exists. */
    boolean instanceExists(InstanceRef instance);
}
