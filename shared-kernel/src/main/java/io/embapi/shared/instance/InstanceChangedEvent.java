package io.embapi.shared.instance;

import io.embapi.shared.privacy.SealedSecret;
import org.axonframework.serialization.Revision;

/** An instance was replaced as a whole; {@code apiKey} null means it has no key now. */
@Revision("1")
public record InstanceChangedEvent(long instanceId, InstanceSpec spec, SealedSecret apiKey) {
}
