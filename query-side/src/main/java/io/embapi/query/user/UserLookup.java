package io.embapi.query.user;

import io.embapi.platform.web.ApiException;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/** For other read endpoints: answer {@code 404 user <u> not found} the way the users endpoints do. */
@Component
public class UserLookup {

    private final QueryGateway queries;

    UserLookup(QueryGateway queries) {
        this.queries = queries;
    }

    public void ensureExists(String userHandle) {
        Optional<UserDetails> user = queries.query(new FindUserQuery(userHandle),
                ResponseTypes.optionalInstanceOf(UserDetails.class)).join();
        if (user.isEmpty()) {
            throw ApiException.notFound("user " + userHandle + " not found");
        }
    }
}
