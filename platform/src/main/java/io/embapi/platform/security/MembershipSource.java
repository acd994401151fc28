package io.embapi.platform.security;

import java.util.List;
import java.util.Map;

/**
 * Who may edit or read a shared resource named by the path (a project now; instances and definitions later). The
 * editor and reader steps of the pipeline ask every source that applies to the operation's path.
 */
public interface MembershipSource {

    /** Whether the path names a resource of this source (e.g. {@code user_handle} and {@code project_handle}). */
    boolean appliesTo(Map<String, String> pathValues);

    /** The resource's members with their key hashes; with {@code editorsOnly}, only those allowed to change it. */
    List<Member> members(Map<String, String> pathValues, boolean editorsOnly);

    /** Whether anyone may read the resource without a key. */
    boolean isPublic(Map<String, String> pathValues);

    /**
     * @param userHandle the member
     * @param keyHash    the member's stored key hash
     * @param role       the member's role
     */
    record Member(String userHandle, String keyHash, String role) {
    }
}
