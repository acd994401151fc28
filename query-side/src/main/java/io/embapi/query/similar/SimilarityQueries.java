package io.embapi.query.similar;

/** The queries of similarity search. */
final class SimilarityQueries {

    private SimilarityQueries() {
    }

    /**
     * Everything a search checks before it runs, in one round trip: does the user exist, the project {@code
     * owner/handle} with its instance's dimensions, and (for a search from a stored document) that document.
     *
     * @param textId the escaped text id of the query document, or null
     */
    record PrepareSearch(String owner, String projectHandle, String textId) {
    }

    /**
     * @param project  the project, or null when it does not exist
     * @param document the query document, or null when none was asked for or it does not exist
     */
    record SearchContext(boolean userExists, SearchProject project, QueryDocument document) {
    }

    /**
     * @param instanceHandle the project's instance, or null
     * @param dimensions     the instance's dimensions, or null when the instance has none (or is gone)
     */
    record SearchProject(long projectId, String owner, String projectHandle, String instanceHandle,
                         Integer dimensions) {
    }

    /** Its vector in pgvector's text form, and its dimensions. */
    record QueryDocument(String vector, int dimensions) {
    }

    /**
     * The nearest embeddings of a project to a vector.
     *
     * @param vector        the query vector in pgvector's text form, rounded to half precision by the database
     * @param dimensions    only rows of these dimensions are candidates
     * @param excludeTextId a text id that is never a result (the query document), or null
     * @param threshold     the least cosine similarity of a result, inclusive
     * @param endpoint      which endpoint asks, for the metrics
     */
    record Search(long projectId, int dimensions, String vector, String excludeTextId, MetadataFilter filter,
                  int limit, int offset, double threshold, String endpoint) {
    }

    /** One result: the stored text id and its cosine similarity to the query. */
    record Hit(String id, double similarity) {
    }
}
