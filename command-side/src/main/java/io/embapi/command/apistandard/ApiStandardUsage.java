package io.embapi.command.apistandard;

/** Whether anything still depends on an API standard. */
public interface ApiStandardUsage {

    /** Whether an LLM service definition uses the standard. */
    boolean usedByDefinitions(String handle);

    /** Whether the standard exists now. */
    boolean exists(String handle);
}
