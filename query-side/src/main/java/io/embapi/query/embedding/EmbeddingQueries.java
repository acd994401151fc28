package io.embapi.query.embedding;

/** The queries of the embedding read model. */
final class EmbeddingQueries {

    private EmbeddingQueries() {
    }

    /** The project {@code owner/handle} as the embedding endpoints need it, if it exists. */
    record FindProject(String owner, String projectHandle) {
    }

    /** A page of a project's embeddings, ordered by text id. */
    record ListEmbeddings(long projectId, int limit, int offset) {
    }

    /** One embedding by its (escaped) text id. */
    record FindEmbedding(long projectId, String textId) {
    }

    /** The project facts the responses repeat. */
    record ProjectRef(long projectId, String owner, String projectHandle, String instanceHandle) {
    }
}
