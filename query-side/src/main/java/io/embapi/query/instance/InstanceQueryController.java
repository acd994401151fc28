package io.embapi.query.instance;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.platform.security.Access;
import io.embapi.platform.security.Caller;
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

/** Reads of LLM service instances, from the {@code instance_view} projection. */
@RestController
@RequestMapping("/v1/llm-instances/{user_handle}")
@Tag(name = "llm-services")
class InstanceQueryController {

    private final QueryGateway queries;
    private final UserLookup users;

    InstanceQueryController(QueryGateway queries, UserLookup users) {
        this.queries = queries;
        this.users = users;
    }

    /** The instances a user owns or was given access to. */
    @Schema(name = "GetUserInstancesResponseBody")
    record InstanceList(List<InstanceSummary> instances) {
    }

    /** A share as listed. */
    record Share(@JsonProperty("user_handle") String userHandle, String role) {
    }

    /** The users an instance is shared with. */
    @Schema(name = "GetInstanceSharedUsersResponseBody")
    record SharedWith(String owner, @JsonProperty("instance_handle") String instanceHandle,
                      @JsonProperty("shared_with") List<Share> sharedWith) {
    }

    @GetMapping
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @Operation(summary = "List the instances a user owns or was given access to",
            description = "Ordered by owner then handle; limit 1..200 (default 20).")
    InstanceList list(@PathVariable("user_handle") String userHandle,
                      @RequestParam(required = false) Long limit, @RequestParam(required = false) Long offset) {
        Paging paging = Paging.of(limit, offset, 20);
        users.ensureExists(userHandle);
        return new InstanceList(queries.query(new InstanceQueries.ListAccessibleInstances(userHandle, paging.limit(),
                paging.offset()), ResponseTypes.multipleInstancesOf(InstanceSummary.class)).join());
    }

    @GetMapping("/{instance_handle}")
    @Access({Scheme.ADMIN, Scheme.OWNER, Scheme.READER})
    @Operation(summary = "Get an LLM service instance", description = "Owner, admin and users it is shared with. "
            + "The provider key is never returned; has_api_key says whether one is stored.")
    InstanceView get(@PathVariable("user_handle") String owner, @PathVariable("instance_handle") String handle,
                     Caller caller) {
        users.ensureExists(owner);
        String viewer = caller.seesEverything() ? "" : caller.handle();
        Optional<InstanceView> instance = queries.query(new InstanceQueries.FindInstance(owner, handle, viewer),
                ResponseTypes.optionalInstanceOf(InstanceView.class)).join();
        return instance.orElseThrow(() -> ApiException.notFound("llm service " + handle + " for user " + owner
                + " not found"));
    }

    @GetMapping("/{instance_handle}/shared-with")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @Operation(summary = "List the users an instance is shared with", description = "limit 1..200 (default 100).")
    SharedWith sharedWith(@PathVariable("user_handle") String owner, @PathVariable("instance_handle") String handle,
                          @RequestParam(required = false) Long limit, @RequestParam(required = false) Long offset) {
        Paging paging = Paging.of(limit, offset, 100);
        List<InstanceQueries.Share> shares = queries.query(new InstanceQueries.ListInstanceShares(owner, handle,
                paging.limit(), paging.offset()), ResponseTypes.multipleInstancesOf(InstanceQueries.Share.class))
                .join();
        return new SharedWith(owner, handle, shares.stream().map(s -> new Share(s.userHandle(), s.role())).toList());
    }
}
