package io.embapi.shared.apistandard;

import org.axonframework.serialization.Revision;

/** An API standard was deleted. */
@Revision("1")
public record ApiStandardDeletedEvent(String handle) {
}
