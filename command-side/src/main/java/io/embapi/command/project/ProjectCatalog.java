package io.embapi.command.project;

import java.util.Optional;

/** What other slices may ask about projects: which live project {@code owner/handle} names. */
public interface ProjectCatalog {

    Optional<Long> find(String owner, String projectHandle);
}
