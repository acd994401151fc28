package io.embapi.command.instance;

import java.util.Optional;

/** Set-wide facts about instances that no single instance aggregate holds. */
interface InstanceDirectory {

    /** The id of the live instance {@code owner/handle}. */
    Optional<Long> instanceIdOf(String owner, String instanceHandle);

    /** A fresh instance id. */
    long allocateInstanceId();

    /** Whether a live project uses the instance {@code owner/handle}. */
    boolean usedByProjects(String owner, String instanceHandle);
}
