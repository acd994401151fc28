package io.embapi.query.embedding;

import io.embapi.platform.security.Access;
import io.embapi.platform.security.Scheme;
import io.embapi.platform.web.ApiException;
import io.embapi.platform.web.Paging;
import io.embapi.query.embedding.EmbeddingQueries.ProjectRef;
import io.embapi.query.embedding.EmbeddingViewProjection.StoredEmbedding;
import io.embapi.query.user.UserLookup;
import io.embapi.shared.embedding.TextIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
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
            + "20). An empty page is 404, as in the reference.")
    EmbeddingList list(@PathVariable("user_handle") String owner, @PathVariable("project_handle") String handle,
                       @RequestParam(required = false) Long limit, @RequestParam(required = false) Long offset) {
        Paging paging = Paging.of(limit, offset, 20);
        users.ensureExists(owner);
        ProjectRef project = project(owner, handle, "user " + owner + "'s project " + handle + " not found");
        List<StoredEmbedding> page = queries.query(new EmbeddingQueries.ListEmbeddings(project.projectId(),
                paging.limit(), paging.offset()), ResponseTypes.multipleInstancesOf(StoredEmbedding.class)).join();
        if (page.isEmpty()) {
            throw ApiException.notFound("no embeddings found for user " + owner + ", project " + handle + ".");
        }
        return new EmbeddingList(page.stream().map(e -> view(project, e)).toList());
    }

    @GetMapping("/{text_id}")
    @Access({Scheme.ADMIN, Scheme.OWNER, Scheme.READER})
    @Operation(summary = "Get one embedding", description = "The id is looked up as Go's url.QueryEscape of the "
            + "decoded path segment, so ids stored escaped (https%3A%2F%2F…) are found when sent escaped once.")
    EmbeddingView get(@PathVariable("user_handle") String owner, @PathVariable("project_handle") String handle,
                      @PathVariable("text_id") String textId) {
        users.ensureExists(owner);
        ProjectRef project = project(owner, handle, owner + "'s project " + handle + " not found");
        String escaped = TextIds.queryEscape(textId);
        Optional<StoredEmbedding> embedding = queries.query(new EmbeddingQueries.FindEmbedding(project.projectId(),
                escaped), ResponseTypes.optionalInstanceOf(StoredEmbedding.class)).join();
        return embedding.map(e -> view(project, e)).orElseThrow(() -> ApiException.notFound(
                "no embeddings found for user " + owner + ", project " + handle + ", id " + escaped + "."));
    }

    private ProjectRef project(String owner, String handle, String notFound) {
        return queries.query(new EmbeddingQueries.FindProject(owner, handle),
                ResponseTypes.optionalInstanceOf(ProjectRef.class)).join()
                .orElseThrow(() -> ApiException.notFound(notFound));
    }

    private static EmbeddingView view(ProjectRef project, StoredEmbedding e) {
        return new EmbeddingView(e.textId(), project.owner(), project.projectHandle(), project.projectId(),
                project.instanceHandle(), e.text(), e.vector(), e.vectorDim(), e.metadata());
    }
}
