package io.embapi.command.apistandard;

import io.embapi.platform.seed.Seed;
import io.embapi.shared.apistandard.ApiStandardDefinition;
import io.embapi.shared.apistandard.KeyMethod;
import io.embapi.shared.apistandard.SeedApiStandardCommand;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Registers the reference's built-in API standards once, through the normal command path. */
@Component
@Order(10)
class ApiStandardSeeder implements Seed {

    static final Map<String, ApiStandardDefinition> BUILT_IN = Map.of(
            "openai", new ApiStandardDefinition("OpenAI Embeddings API, Version 1, as documented in "
                    + "https://platform.openai.com/docs/api-reference/embeddings", KeyMethod.AUTH_BEARER,
                    "Authorization"),
            "cohere", new ApiStandardDefinition("Cohere Embed API, Version 2, as documented in "
                    + "https://docs.cohere.com/reference/embed", KeyMethod.AUTH_BEARER, "Authorization"),
            "gemini", new ApiStandardDefinition("Gemini Embeddings API, as documented in "
                    + "https://ai.google.dev/gemini-api/docs/embeddings", KeyMethod.AUTH_BEARER, "x-goog-api-key"));

    private final CommandGateway commandGateway;

    ApiStandardSeeder(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @Override
    public void seed() {
        BUILT_IN.forEach((handle, definition) -> {
            try {
                commandGateway.sendAndWait(new SeedApiStandardCommand(handle, definition));
            } catch (ConcurrencyException | AggregateStreamCreationException e) {
                // seeded concurrently by another node
            }
        });
    }
}
