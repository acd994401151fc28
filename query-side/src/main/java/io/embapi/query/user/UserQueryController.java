package io.embapi.query.user;

import io.embapi.platform.security.Access;
import io.embapi.platform.security.Scheme;
import io.embapi.platform.web.ApiException;
import io.embapi.platform.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
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

/** Reads of users, answered from the {@code user_view} projection. */
@RestController
@RequestMapping("/v1/users")
@Tag(name = "users")
class UserQueryController {

    private final QueryGateway queries;

    UserQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    @Access(Scheme.ADMIN)
    @Operation(summary = "List users", description = "Ordered by handle; limit 1..200 (default 10).")
    List<UserSummary> list(@RequestParam(required = false) Long limit, @RequestParam(required = false) Long offset) {
        Paging paging = Paging.of(limit, offset, 10);
        List<UserSummary> users = queries.query(new ListUsersQuery(paging.limit(), paging.offset()),
                ResponseTypes.multipleInstancesOf(UserSummary.class)).join();
        if (users.isEmpty() && paging.offset() == 0) {
            throw ApiException.notFound("no users found.");
        }
        return users;
    }

    @GetMapping("/{user_handle}")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @Operation(summary = "Get a user", description = "embapi_key shows the stored hash of the key, never the key.")
    UserDetails get(@PathVariable("user_handle") String userHandle) {
        Optional<UserDetails> user = queries.query(new FindUserQuery(userHandle),
                ResponseTypes.optionalInstanceOf(UserDetails.class)).join();
        return user.orElseThrow(() -> ApiException.notFound("user " + userHandle + " not found"));
    }
}
