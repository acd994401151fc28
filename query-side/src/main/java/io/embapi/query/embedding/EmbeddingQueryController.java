package io.embapi.query.embedding;

import io.embapi.platform.security.Access;
import io.embapi.platform.security.Caller;
import io.embapi.platform.security.Scheme;
import io.embapi.platform.web.ApiException;
import io.embapi.platform.web.Paging;
import io.embapi.query.embedding.EmbeddingQueries.ProjectRef;
import io.embapi.query.embedding.EmbeddingViewProjection.StoredEmbedding;
import io.embapi.query.history.AsOf;
import io.embapi.query.history.HistoryQueries;
import io.embapi.query.user.UserLookup;
import io.embapi.shared.embedding.TextIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads of embeddings, from the {@code embedding_view} projection. */
@RestController
@RequestMapping("/v1/embeddings/{user_handle}/{project_handle}")
@Tag(name = "embeddings")
class EmbeddingQueryController {

    private final QueryGateway queries;
    private final UserLookup users;

    EmbeddingQueryController(QueryGateway queries, UserLookup users) {
        this.queries = queries;
        this.users = users;
    }

    /** A page of embeddings. */
    @Schema(name = "GetProjEmbeddingsResponseBody")
    record EmbeddingList(List<EmbeddingView> embeddings) {
    }

    @GetMapping
    @Access({Scheme.ADMIN, Scheme.OWNER, Scheme.READER})
    @Operation(summary = "List a project's embeddings", description = "Ordered by text_id; limit 1..200 (default "
            + "20). An empty page is 404, as in the reference. With as_of: the embeddings as they were then, in the "
            + "project this owner/handle named then.")
    EmbeddingList list(@PathVariable("user_handle") String owner, @PathVariable("project_handle") String handle,
                       @RequestParam(required = false) Long limit, @RequestParam(required = false) Long offset,
                       @Parameter(description = AsOf.DESCRIPTION)
                       @RequestParam(name = AsOf.PARAMETER, required = false) String asOf, Caller caller) {
        Paging paging = Paging.of(limit, offset, 20);
        Instant at = AsOf.parse(asOf);
        String notFound = "user " + owner + "'s project " + handle + " not found";
        List<StoredEmbedding> page;
        ProjectRef project;
        if (at == null) {
            users.ensureExists(owner);
            project = project(owner, handle, notFound);
            page = queries.query(new EmbeddingQueries.ListEmbeddings(project.projectId(), paging.limit(),
                    paging.offset()), ResponseTypes.multipleInstancesOf(StoredEmbedding.class)).join();
        } else {
            project = projectAsOf(owner, handle, at, caller, notFound);
            page = queries.query(new HistoryQueries.EmbeddingsAsOf(project.projectId(), at, paging.limit(),
                            paging.offset()), ResponseTypes.multipleInstancesOf(HistoryQueries.PastEmbedding.class))
                    .join().stream().map(EmbeddingQueryController::stored).toList();
        }
        if (page.isEmpty()) {
            throw ApiException.notFound("no embeddings found for user " + owner + ", project " + handle + ".");
        }
        return new EmbeddingList(page.stream().map(e -> view(project, e)).toList());
    }

    @GetMapping("/{text_id}")
    @Access({Scheme.ADMIN, Scheme.OWNER, Scheme.READER})
    @Operation(summary = "Get one embedding", description = "The id is looked up as Go's url.QueryEscape of the "
            + "decoded path segment, so ids stored escaped (https%3A%2F%2F…) are found when sent escaped once. With "
            + "as_of: the embedding as it was then, in the project this owner/handle named then.")
    EmbeddingView get(@PathVariable("user_handle") String owner, @PathVariable("project_handle") String handle,
                      @PathVariable("text_id") String textId,
                      @Parameter(description = AsOf.DESCRIPTION)
                      @RequestParam(name = AsOf.PARAMETER, required = false) String asOf, Caller caller) {
        Instant at = AsOf.parse(asOf);
        String notFound = owner + "'s project " + handle + " not found";
        String escaped = TextIds.queryEscape(textId);
        Optional<StoredEmbedding> embedding;
        ProjectRef project;
        if (at == null) {
            users.ensureExists(owner);
            project = project(owner, handle, notFound);
            embedding = queries.query(new EmbeddingQueries.FindEmbedding(project.projectId(), escaped),
                    ResponseTypes.optionalInstanceOf(StoredEmbedding.class)).join();
        } else {
            project = projectAsOf(owner, handle, at, caller, notFound);
            embedding = queries.query(new HistoryQueries.EmbeddingAsOf(project.projectId(), escaped, at),
                    ResponseTypes.optionalInstanceOf(HistoryQueries.PastEmbedding.class)).join()
                    .map(EmbeddingQueryController::stored);
        }
        return embedding.map(e -> view(project, e)).orElseThrow(() -> ApiException.notFound(
                "no embeddings found for user " + owner + ", project " + handle + ", id " + escaped + "."));
    }

    private ProjectRef project(String owner, String handle, String notFound) {
        return current(owner, handle).orElseThrow(() -> ApiException.notFound(notFound));
    }

    private Optional<ProjectRef> current(String owner, String handle) {
        return queries.query(new EmbeddingQueries.FindProject(owner, handle),
                ResponseTypes.optionalInstanceOf(ProjectRef.class)).join();
    }

    /**
     * The project {@code owner/handle} named at {@code at}, from the event history. Members and public readers are
     * authorised by the project the name has now, so they see only that project's past.
     */
    private ProjectRef projectAsOf(String owner, String handle, Instant at, Caller caller, String notFound) {
        Optional<ProjectRef> past = queries.query(new HistoryQueries.ProjectAsOf(owner, handle, at),
                        ResponseTypes.optionalInstanceOf(HistoryQueries.PastProject.class)).join()
                .map(p -> new ProjectRef(p.projectId(), p.owner(), p.projectHandle(),
                        p.settings().instance() == null ? null : p.settings().instance().handle()));
        long pastId = past.map(ProjectRef::projectId).orElse(-1L);
        if (past.isPresent() && caller.scheme() == Scheme.READER
                && current(owner, handle).map(ProjectRef::projectId).filter(id -> id == pastId).isEmpty()) {
            throw ApiException.notFound(notFound);
        }
        return past.orElseThrow(() -> ApiException.notFound(notFound));
    }

    private static StoredEmbedding stored(HistoryQueries.PastEmbedding past) {
        return EmbeddingViewProjection.stored(past.textId(), past.text(), past.vector(), past.vectorDim(),
                past.metadata());
    }

    private static EmbeddingView view(ProjectRef project, StoredEmbedding e) {
        return new EmbeddingView(e.textId(), project.owner(), project.projectHandle(), project.projectId(),
                project.instanceHandle(), e.text(), e.vector(), e.vectorDim(), e.metadata());
    }
}
