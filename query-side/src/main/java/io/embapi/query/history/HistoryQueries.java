package io.embapi.query.history;

import io.embapi.shared.project.ProjectSettings;
import java.time.Instant;
import java.util.List;

/**
 * The queries the history package answers from the event history: per-resource histories, and point-in-time
 * (as_of) states that the project and embedding endpoints render in their usual shapes.
 */
public final class HistoryQueries {

    private HistoryQueries() {
    }

    /** A page of user {@code userHandle}'s history; empty when the handle never existed. */
    public record UserHistory(String userHandle, long after, int limit) {
    }

    /** A page of the history of the project named {@code owner/projectHandle} now, or last. */
    public record ProjectHistory(String owner, String projectHandle, long after, int limit) {
    }

    /** A page of one embedding's history in the project named {@code owner/projectHandle} now, or last. */
    public record EmbeddingHistory(String owner, String projectHandle, String textId, long after, int limit) {
    }

    /** The project known as {@code owner/projectHandle} at {@code at}, as it was then. */
    public record ProjectAsOf(String owner, String projectHandle, Instant at) {
    }

    /** One embedding of a project as it was at {@code at}. */
    public record EmbeddingAsOf(long projectId, String textId, Instant at) {
    }

    /** A page of a project's embeddings as they were at {@code at}, ordered by text id. */
    public record EmbeddingsAsOf(long projectId, Instant at, int limit, int offset) {
    }

    /**
     * A project as it was.
     *
     * @param members            every member with its role, the owner included, ordered by handle
     * @param numberOfEmbeddings embeddings the project held then
     */
    public record PastProject(long projectId, String owner, String projectHandle, ProjectSettings settings,
                              List<Member> members, long numberOfEmbeddings) {
    }

    /** A member of a past project. */
    public record Member(String userHandle, String role) {
    }

    /**
     * An embedding as it was, in the read model's forms: the vector as pgvector's {@code halfvec} text (the same
     * rounding the live read shows) and the metadata as {@code jsonb} text.
     */
    public record PastEmbedding(String textId, String text, String vector, int vectorDim, String metadata) {
    }
}
