package io.embapi.query.definition;

import io.embapi.platform.security.Access;
import io.embapi.platform.security.Scheme;
import io.embapi.platform.web.ApiException;
import io.embapi.platform.web.Paging;
import io.embapi.query.user.UserLookup;
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

/** Reads of LLM service definitions, from the {@code definition_view} projection. */
@RestController
@RequestMapping("/v1/llm-definitions/{user_handle}")
@Tag(name = "llm-services")
class DefinitionQueryController {

    private final QueryGateway queries;
    private final UserLookup users;

    DefinitionQueryController(QueryGateway queries, UserLookup users) {
        this.queries = queries;
        this.users = users;
    }

    /** The definitions a user may use. */
    @Schema(name = "GetDefinitionsResponseBody")
    record DefinitionList(List<DefinitionSummary> definitions) {
    }

    @GetMapping
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @Operation(summary = "List the definitions a user may use", description = "Its own, _system's and those shared "
            + "with it, ordered by owner then handle; limit 1..200 (default 20).")
    DefinitionList list(@PathVariable("user_handle") String userHandle,
                        @RequestParam(required = false) Long limit, @RequestParam(required = false) Long offset) {
        Paging paging = Paging.of(limit, offset, 20);
        users.ensureExists(userHandle);
        return new DefinitionList(queries.query(new DefinitionQueries.ListUsableDefinitions(userHandle,
                paging.limit(), paging.offset()), ResponseTypes.multipleInstancesOf(DefinitionSummary.class)).join());
    }

    @GetMapping("/{definition_handle}")
    @Access({Scheme.ADMIN, Scheme.OWNER, Scheme.READER})
    @Operation(summary = "Get an LLM service definition", description = "Owner, admin, users it is shared with, "
            + "and anyone for public definitions.")
    DefinitionView get(@PathVariable("user_handle") String owner, @PathVariable("definition_handle") String handle) {
        users.ensureExists(owner);
        Optional<DefinitionView> definition = queries.query(new DefinitionQueries.FindDefinition(owner, handle),
                ResponseTypes.optionalInstanceOf(DefinitionView.class)).join();
        return definition.orElseThrow(() -> ApiException.notFound("llm definition " + owner + "/" + handle
                + " not found"));
    }

    @GetMapping("/{definition_handle}/shared-with")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @Operation(summary = "List the users a definition is shared with", description = "A bare array of handles; "
            + "limit 1..200 (default 100).")
    List<String> sharedWith(@PathVariable("user_handle") String owner,
                            @PathVariable("definition_handle") String handle,
                            @RequestParam(required = false) Long limit, @RequestParam(required = false) Long offset) {
        Paging paging = Paging.of(limit, offset, 100);
        return queries.query(new DefinitionQueries.ListDefinitionShares(owner, handle, paging.limit(),
                paging.offset()), ResponseTypes.multipleInstancesOf(String.class)).join();
    }
}
