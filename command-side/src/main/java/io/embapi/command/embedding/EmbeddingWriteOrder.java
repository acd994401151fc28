package io.embapi.command.embedding;

import java.util.List;

/**
 * Makes the order of the events that touch the same embeddings the order in which their transactions commit, so
 * that the live projections (which apply an event when its transaction commits) and a replay (which applies events
 * in global-index order) end in the same state.
 *
 * <p>Without it, an upload batch could take its global index before a concurrent deletion of the same id but commit
 * after it: live, the row would survive; replayed, it would be gone. Every writer therefore takes transaction-scoped
 * PostgreSQL advisory locks before it appends: uploads and single deletions share the project's lock and take one
 * exclusive lock per (project, text id), in a fixed order; deleting all embeddings, a project or a user takes the
 * project's lock exclusively. Writes on different ids of a project still run in parallel.
 */
public interface EmbeddingWriteOrder {

    /** Before an upload or single deletion of these ids: the project shared, each id exclusively. */
    void writing(long projectId, List<String> textIds);

    /**
     * Before a single deletion: the locks of {@link #writing} for this id, then whether the id is stored, as committed
     * before the locks were granted. Checking only before the command (outside the locks) let two concurrent
     * deletions of one id both succeed: two events, two 204s (ADR 0019).
     */
    boolean deleting(long projectId, String textId);

    /** Before deleting every embedding of a project, or the project itself. */
    void clearing(long projectId);

    /** Before deleting a user, which deletes the user's projects: each of them exclusively, in id order. */
    void clearingProjectsOf(String owner);
}
