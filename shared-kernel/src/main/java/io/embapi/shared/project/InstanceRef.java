package io.embapi.shared.project;

/**
 * The LLM service instance a project uses, by owner and handle.
 *
 * @param owner  the instance owner's handle
 * @param handle the instance handle
 */
public record InstanceRef(String owner, String handle) {
}
