package io.embapi.query.user;

import io.embapi.platform.privacy.PersonalDataProtector;
import io.embapi.platform.privacy.PersonalDataProtector.PersonalData;
import io.embapi.query.QuerySideConfiguration;
import io.embapi.shared.user.UserDeletedEvent;
import io.embapi.shared.user.UserForgottenEvent;
import io.embapi.shared.user.UserKeyRotatedEvent;
import io.embapi.shared.user.UserProfileChangedEvent;
import io.embapi.shared.user.UserRegisteredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Projects user events into {@code user_view} and answers user queries from it. Personal data is opened with the
 * user's data key; for a forgotten user it stays empty (also in a replay, which passes its old registration).
 */
@Component
@ProcessingGroup(QuerySideConfiguration.USER_VIEW)
class UserViewProjection {

    private static final PersonalData FORGOTTEN = new PersonalData(null, null);

    private final UserViewRepository users;
    private final PersonalDataProtector protector;

    UserViewProjection(UserViewRepository users, PersonalDataProtector protector) {
        this.users = users;
        this.protector = protector;
    }

    @EventHandler
    void on(UserRegisteredEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        PersonalData data = protector.open(event.personalData()).orElse(FORGOTTEN);
        users.register(event.userHandle(), data.name(), data.email(), event.keyHash(), at, version);
    }

    @EventHandler
    void on(UserProfileChangedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        PersonalData data = protector.open(event.personalData()).orElse(FORGOTTEN);
        users.changeProfile(event.userHandle(), data.name(), data.email(), at, version);
    }

    @EventHandler
    void on(UserKeyRotatedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        users.changeKey(event.userHandle(), event.keyHash(), at, version);
    }

    @EventHandler
    void on(UserDeletedEvent event, @SequenceNumber long version) {
        users.delete(event.userHandle(), version);
    }

    /** Purges whatever is left of the handle (its deletion normally removed the row already). */
    @EventHandler
    void on(UserForgottenEvent event, @SequenceNumber long version) {
        users.delete(event.userHandle(), version);
    }

    @ResetHandler
    void reset() {
        users.deleteAll();
    }

    @QueryHandler
    Optional<UserDetails> handle(FindUserQuery query) {
        return users.find(query.userHandle());
    }

    @QueryHandler
    List<UserSummary> handle(ListUsersQuery query) {
        return users.list(query.limit(), query.offset());
    }
}
