package io.embapi.shared.project;

/**
 * A share requested with a project's PUT ({@code shared_with}); the role is as sent and checked by the aggregate.
 *
 * @param userHandle the user to share with
 * @param role       {@code editor} or {@code reader}
 */
public record ProjectShare(String userHandle, String role) {
}
