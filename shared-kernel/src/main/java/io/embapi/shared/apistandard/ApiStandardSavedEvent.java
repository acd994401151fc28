package io.embapi.shared.apistandard;

import org.axonframework.serialization.Revision;

/** An API standard was created or replaced; the event carries its whole definition. */
@Revision("1")
public record ApiStandardSavedEvent(String handle, ApiStandardDefinition definition) {
}
