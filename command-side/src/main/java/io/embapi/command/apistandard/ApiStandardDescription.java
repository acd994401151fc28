package io.embapi.command.apistandard;

import io.embapi.shared.apistandard.ApiStandardDefinition;

/** A standard's current definition and stream version, as PATCH starts from it. */
record ApiStandardDescription(ApiStandardDefinition definition, long version) {
}
