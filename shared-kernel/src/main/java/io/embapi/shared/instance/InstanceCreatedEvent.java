package io.embapi.shared.instance;

import io.embapi.shared.privacy.SealedSecret;
import org.axonframework.serialization.Revision;

/** An LLM service instance was created; the provider key (if any) is sealed, never in clear. */
@Revision("1")
public record InstanceCreatedEvent(long instanceId, String owner, String instanceHandle, InstanceSpec spec,
                                   SealedSecret apiKey) {
}
