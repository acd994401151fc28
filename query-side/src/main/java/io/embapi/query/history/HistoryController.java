package io.embapi.query.history;

import io.embapi.platform.security.Access;
import io.embapi.platform.security.Scheme;
import io.embapi.platform.web.ApiException;
import io.embapi.platform.web.Paging;
import io.embapi.platform.web.ValidationError;
import io.embapi.shared.embedding.TextIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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

/**
 * Per-resource history: what changed, when, by whom, in which request, answered from the event store. Access is
 * that of reading the resource today.
 */
@RestController
@RequestMapping("/v1")
@Tag(name = "history")
class HistoryController {

    private static final int DEFAULT_LIMIT = 50;
    private static final String PAGING = " Oldest first; limit 1..200 (default 50); after=<position> continues "
            + "after that entry (next_after of the previous page). Personal data, key hashes, vectors and texts "
            + "appear only as \"changed\".";

    private final QueryGateway queries;

    HistoryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/users/{user_handle}/history")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @Operation(summary = "A user's history", description = "Registration, profile changes, key rotations and "
            + "deletions of the handle (also of earlier accounts with the same handle)." + PAGING)
    HistoryPage user(@PathVariable("user_handle") String userHandle,
                     @RequestParam(required = false) Long limit,
                     @Parameter(description = "position to continue after") @RequestParam(required = false)
                     Long after) {
        return page(new HistoryQueries.UserHistory(userHandle, after(after), limit(limit)),
                "user " + userHandle + " not found");
    }

    @GetMapping("/projects/{user_handle}/{project_handle}/history")
    @Access({Scheme.ADMIN, Scheme.OWNER, Scheme.READER})
    @Operation(summary = "A project's history", description = "Creation, settings, shares, transfers, embedding "
            + "deletions and deletion of the project this owner/handle names now (or named last), up to the moment "
            + "it lost the name." + PAGING)
    HistoryPage project(@PathVariable("user_handle") String owner,
                        @PathVariable("project_handle") String projectHandle,
                        @RequestParam(required = false) Long limit,
                        @Parameter(description = "position to continue after") @RequestParam(required = false)
                        Long after) {
        return page(new HistoryQueries.ProjectHistory(owner, projectHandle, after(after), limit(limit)),
                "user " + owner + "'s project " + projectHandle + " not found");
    }

    @GetMapping("/embeddings/{user_handle}/{project_handle}/{text_id}/history")
    @Access({Scheme.ADMIN, Scheme.OWNER, Scheme.READER})
    @Operation(summary = "One embedding's history", description = "Every upload of the text id (with dimension "
            + "and metadata changes), and its deletion by id, by delete-all or with the project." + PAGING)
    HistoryPage embedding(@PathVariable("user_handle") String owner,
                          @PathVariable("project_handle") String projectHandle,
                          @PathVariable("text_id") String textId,
                          @RequestParam(required = false) Long limit,
                          @Parameter(description = "position to continue after") @RequestParam(required = false)
                          Long after) {
        String escaped = TextIds.queryEscape(textId);
        return page(new HistoryQueries.EmbeddingHistory(owner, projectHandle, escaped, after(after), limit(limit)),
                "no history found for user " + owner + ", project " + projectHandle + ", id " + escaped + ".");
    }

    private HistoryPage page(Object query, String notFound) {
        Optional<HistoryPage> page = queries.query(query, ResponseTypes.optionalInstanceOf(HistoryPage.class)).join();
        return page.orElseThrow(() -> ApiException.notFound(notFound));
    }

    private static int limit(Long limit) {
        return Paging.of(limit, 0L, DEFAULT_LIMIT).limit();
    }

    private static long after(Long after) {
        if (after == null) {
            return -1;
        }
        if (after < 0) {
            throw ApiException.validationFailed(List.of(new ValidationError("expected number >= 0", "query.after",
                    after)));
        }
        return after;
    }
}
