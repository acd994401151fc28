package io.embapi.command;

import io.embapi.command.apistandard.ApiStandardUsage;
import io.embapi.command.embedding.EmbeddingWriteOrder;
import io.embapi.command.user.UserDirectory;
import java.util.List;
import java.util.Set;

/** In-memory fakes of the set-wide lookups aggregates consult, backed by sets the test can change. */
public final class InMemoryDirectories {

    private InMemoryDirectories() {
    }

    /** Users that exist; no e-mail is taken. */
    public static UserDirectory users(Set<String> existing) {
        return new UserDirectory() {
            @Override
            public boolean exists(String userHandle) {
                return existing.contains(userHandle);
            }

            @Override
            public boolean emailInUseByOther(String email, String userHandle) {
                return false;
            }
        };
    }

    /** API standards that exist; {@code inUse} are used by a definition. */
    public static ApiStandardUsage standards(Set<String> existing, Set<String> inUse) {
        return new ApiStandardUsage() {
            @Override
            public boolean usedByDefinitions(String handle) {
                return inUse.contains(handle);
            }

            @Override
            public boolean exists(String handle) {
                return existing.contains(handle);
            }
        };
    }

    /**
     * An {@link EmbeddingWriteOrder} that records the locks asked for, e.g. {@code clearing 7}, in {@code log}; ids
     * starting with {@code missing} are not stored.
     */
    public static EmbeddingWriteOrder writeOrder(List<String> log) {
        return new EmbeddingWriteOrder() {
            @Override
            public void writing(long projectId, List<String> textIds) {
                log.add("writing " + projectId + " " + textIds);
            }

            @Override
            public boolean deleting(long projectId, String textId) {
                writing(projectId, List.of(textId));
                return !textId.startsWith("missing");
            }

            @Override
            public void clearing(long projectId) {
                log.add("clearing " + projectId);
            }

            @Override
            public void clearingProjectsOf(String owner) {
                log.add("clearing projects of " + owner);
            }
        };
    }
}
