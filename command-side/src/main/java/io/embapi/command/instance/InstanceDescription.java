package io.embapi.command.instance;

import io.embapi.shared.instance.InstanceSpec;
import io.embapi.shared.privacy.SealedSecret;

/** An instance's current spec, sealed key and stream version, as PATCH starts from it. */
record InstanceDescription(InstanceSpec spec, SealedSecret apiKey, long version) {
}
