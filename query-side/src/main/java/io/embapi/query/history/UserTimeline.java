package io.embapi.query.history;

import io.embapi.platform.privacy.PersonalDataProtector;
import io.embapi.platform.privacy.PersonalDataProtector.PersonalData;
import io.embapi.query.history.EventHistory.HistoricEvent;
import io.embapi.shared.privacy.SealedPersonalData;
import io.embapi.shared.user.UserDeletedEvent;
import io.embapi.shared.user.UserIds;
import io.embapi.shared.user.UserKeyRotatedEvent;
import io.embapi.shared.user.UserProfileChangedEvent;
import io.embapi.shared.user.UserRegisteredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * A user's history: the events of the stream {@code user:<handle>} (registrations, profile changes, key rotations,
 * deletions), folded in order. Name and e-mail are opened only to tell which of them changed; entries say
 * {@code "changed"}, never a value. Key hashes are never shown either.
 */
@Component
class UserTimeline {

    private final EventHistory history;
    private final PersonalDataProtector protector;

    UserTimeline(EventHistory history, PersonalDataProtector protector) {
        this.history = history;
        this.protector = protector;
    }

    @QueryHandler
    Optional<HistoryPage> handle(HistoryQueries.UserHistory query) {
        List<HistoricEvent> events = history.stream(UserIds.aggregateId(query.userHandle()));
        if (events.isEmpty()) {
            return Optional.empty();
        }
        List<HistoryEntry> entries = new ArrayList<>();
        PersonalData known = null;
        for (HistoricEvent event : events) {
            Changes changes = new Changes();
            Object payload = event.payload();
            if (payload instanceof UserRegisteredEvent registered) {
                PersonalData now = open(registered.personalData());
                changes.diff("exists", false, true).diff("user_handle", null, registered.userHandle());
                personalData(changes, null, now, true);
                if (registered.keyHash() != null) {
                    changes.changed("embapi_key");
                }
                known = now;
            } else if (payload instanceof UserProfileChangedEvent changed) {
                PersonalData now = open(changed.personalData());
                personalData(changes, known, now, false);
                known = now;
            } else if (payload instanceof UserKeyRotatedEvent) {
                changes.changed("embapi_key");
            } else if (payload instanceof UserDeletedEvent) {
                changes.diff("exists", true, false);
                known = null;
            }
            entries.add(HistoryEntry.of(event, changes.toMap()));
        }
        return Optional.of(HistoryPage.of(entries, query.after(), query.limit()));
    }

    /**
     * Notes name and e-mail as {@code "changed"} where they differ; when either side cannot be opened (the user was
     * forgotten) both count as changed.
     */
    private static void personalData(Changes changes, PersonalData before, PersonalData after, boolean created) {
        boolean readable = after != null && (created || before != null);
        if (!readable) {
            changes.changed("name").changed("email");
            return;
        }
        String nameBefore = created ? null : before.name();
        String emailBefore = created ? null : before.email();
        if (!Objects.equals(emptyToNull(nameBefore), emptyToNull(after.name()))) {
            changes.changed("name");
        }
        if (!Objects.equals(emailBefore, after.email())) {
            changes.changed("email");
        }
    }

    private PersonalData open(SealedPersonalData sealed) {
        return sealed == null ? null : protector.open(sealed).orElse(null);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
