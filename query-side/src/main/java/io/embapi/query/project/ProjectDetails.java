package io.embapi.query.project;

import java.util.List;

/**
 * Everything the read model knows about one project.
 *
 * @param members            every member with its role, the owner included, ordered by handle
 * @param numberOfEmbeddings embeddings in the project (none before the embeddings slice)
 */
record ProjectDetails(long projectId, String owner, String projectHandle, String description, String metadataScheme,
                      String instanceOwner, String instanceHandle, boolean publicRead, List<Member> members,
                      long numberOfEmbeddings) {

    /** A member of the project and its role. */
    record Member(String userHandle, String role) {
    }
}
