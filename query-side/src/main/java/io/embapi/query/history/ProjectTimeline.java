package io.embapi.query.history;

import io.embapi.query.history.EventHistory.HistoricEvent;
import io.embapi.shared.embedding.AllEmbeddingsDeletedEvent;
import io.embapi.shared.embedding.EmbeddingDeletedEvent;
import io.embapi.shared.project.InstanceRef;
import io.embapi.shared.project.ProjectCreatedEvent;
import io.embapi.shared.project.ProjectDeletedEvent;
import io.embapi.shared.project.ProjectIds;
import io.embapi.shared.project.ProjectOwnershipTransferredEvent;
import io.embapi.shared.project.ProjectSettings;
import io.embapi.shared.project.ProjectSettingsChangedEvent;
import io.embapi.shared.project.ProjectSharedEvent;
import io.embapi.shared.project.ProjectUnsharedEvent;
import io.embapi.shared.user.UserDeletedEvent;
import io.embapi.shared.user.UserIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * A project's history and its state at a point in time, folded from the stream {@code project:<id>} (settings,
 * shares, transfers, deletions, embedding deletions). The name in the URL picks the project: for history the one
 * that has the name now or had it last, whose events are shown up to the moment it lost the name; for as_of the one
 * that had the name at that time.
 */
@Component
class ProjectTimeline {

    private final EventHistory history;
    private final ProjectNames names;
    private final EmbeddingTimeline embeddings;

    ProjectTimeline(EventHistory history, ProjectNames names, EmbeddingTimeline embeddings) {
        this.history = history;
        this.names = names;
        this.embeddings = embeddings;
    }

    @QueryHandler
    Optional<HistoryPage> handle(HistoryQueries.ProjectHistory query) {
        return names.latest(query.owner(), query.projectHandle()).map(period -> {
            List<HistoricEvent> events = new ArrayList<>(history.stream(ProjectIds.aggregateId(period.projectId()))
                    .stream().filter(e -> period.covers(e.position())).toList());
            if (!period.current() && events.stream().noneMatch(e -> e.position() == period.untilIndex())) {
                events.addAll(history.at(List.of(period.untilIndex())));    // the owner's deletion ended it
            }
            State state = new State();
            List<HistoryEntry> entries = new ArrayList<>();
            for (HistoricEvent event : events) {
                entries.add(HistoryEntry.of(event, state.apply(event).toMap()));
            }
            return HistoryPage.of(entries, query.after(), query.limit());
        });
    }

    @QueryHandler
    Optional<HistoryQueries.PastProject> handle(HistoryQueries.ProjectAsOf query) {
        return names.at(query.owner(), query.projectHandle(), query.at()).flatMap(period -> {
            State state = new State();
            history.stream(ProjectIds.aggregateId(period.projectId())).stream()
                    .filter(e -> !e.time().isAfter(query.at()))
                    .forEach(state::apply);
            if (!state.exists) {
                return Optional.empty();
            }
            // Deleting a user also ended the user's shares (the read models drop them): check each member.
            state.sharedAt.forEach((user, position) -> {
                if (history.hasEventBetween(UserIds.aggregateId(user), UserDeletedEvent.class, position,
                        query.at())) {
                    state.members.remove(user);
                }
            });
            List<HistoryQueries.Member> members = state.members.entrySet().stream()
                    .map(m -> new HistoryQueries.Member(m.getKey(), m.getValue())).toList();
            return Optional.of(new HistoryQueries.PastProject(period.projectId(), state.owner, state.handle,
                    state.settings, members, embeddings.countAt(period.projectId(), query.at())));
        });
    }

    /** A project folded from its events; {@link #apply} answers what each event changed. */
    private static final class State {

        boolean exists;
        String owner;
        String handle;
        ProjectSettings settings;
        final Map<String, String> members = new TreeMap<>();
        final Map<String, Long> sharedAt = new HashMap<>();

        Changes apply(HistoricEvent event) {
            Changes changes = new Changes();
            Object payload = event.payload();
            if (payload instanceof ProjectCreatedEvent created) {
                changes.diff("exists", false, true).diff("project_id", null, created.projectId())
                        .diff("owner", null, created.owner()).diff("project_handle", null, created.projectHandle());
                settings(changes, null, created.settings());
                exists = true;
                owner = created.owner();
                handle = created.projectHandle();
                settings = created.settings();
                members.put(owner, "owner");
            } else if (payload instanceof ProjectSettingsChangedEvent changed) {
                settings(changes, settings, changed.settings());
                settings = changed.settings();
            } else if (payload instanceof ProjectSharedEvent shared) {
                String role = shared.role().wireName();
                changes.diff("shared_with." + shared.userHandle(), members.get(shared.userHandle()), role);
                members.put(shared.userHandle(), role);
                sharedAt.put(shared.userHandle(), event.position());
            } else if (payload instanceof ProjectUnsharedEvent unshared) {
                changes.diff("shared_with." + unshared.userHandle(), members.remove(unshared.userHandle()), null);
                sharedAt.remove(unshared.userHandle());
            } else if (payload instanceof ProjectOwnershipTransferredEvent transferred) {
                changes.diff("owner", transferred.previousOwner(), transferred.newOwner());
                String previousRole = members.get(transferred.newOwner());
                if (previousRole != null) {
                    changes.diff("shared_with." + transferred.newOwner(), previousRole, null);
                }
                members.remove(transferred.previousOwner());
                members.put(transferred.newOwner(), "owner");
                sharedAt.remove(transferred.newOwner());
                owner = transferred.newOwner();
            } else if (payload instanceof EmbeddingDeletedEvent deleted) {
                changes.diff("text_id", deleted.textId(), null);
            } else if (payload instanceof AllEmbeddingsDeletedEvent) {
                changes.note("embeddings", "all deleted");
            } else if (payload instanceof ProjectDeletedEvent || payload instanceof UserDeletedEvent) {
                changes.diff("exists", true, false);
                exists = false;
            }
            return changes;
        }

        private static void settings(Changes changes, ProjectSettings before, ProjectSettings after) {
            changes.diff("description", before == null ? null : blankToNull(before.description()),
                            blankToNull(after.description()))
                    .diff("metadataScheme", before == null ? null : before.metadataScheme(), after.metadataScheme())
                    .diff("instance", before == null ? null : instance(before.instance()), instance(after.instance()))
                    .diff("public_read", before == null ? null : before.publicRead(), after.publicRead());
        }

        private static String instance(InstanceRef instance) {
            return instance == null ? null : instance.owner() + "/" + instance.handle();
        }

        private static String blankToNull(String value) {
            return value == null || value.isEmpty() ? null : value;
        }
    }
}
