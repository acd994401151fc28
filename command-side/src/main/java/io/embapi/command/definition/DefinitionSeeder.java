package io.embapi.command.definition;

import io.embapi.platform.seed.Seed;
import io.embapi.shared.definition.DefinitionSpec;
import io.embapi.shared.definition.SeedDefinitionCommand;
import io.embapi.shared.user.SystemUser;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Registers the reference's four public {@code _system} definitions (ids 1..4) once. */
@Component
@Order(20)
class DefinitionSeeder implements Seed {

    private static final String OPENAI = "https://api.openai.com/v1/embeddings";

    record BuiltIn(long id, String handle, DefinitionSpec spec) {
    }

    static final List<BuiltIn> BUILT_IN = List.of(
            new BuiltIn(1, "openai-large",
                    new DefinitionSpec(OPENAI, "", "openai", "text-embedding-3-large", 3072, 8192, true)),
            new BuiltIn(2, "openai-small",
                    new DefinitionSpec(OPENAI, "", "openai", "text-embedding-3-small", 1536, 8191, true)),
            new BuiltIn(3, "cohere-v4",
                    new DefinitionSpec("https://api.cohere.com/v2/embed", "", "cohere", "embed-v4.0", 1536, 128000,
                            true)),
            new BuiltIn(4, "gemini-embedding-001",
                    new DefinitionSpec("https://generativelanguage.googleapis.com/v1beta/models/"
                            + "gemini-embedding-001:embedContent", "", "gemini", "gemini-embedding-001", 3072, 2048,
                            true)));

    private final CommandGateway commandGateway;

    DefinitionSeeder(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @Override
    public void seed() {
        for (BuiltIn definition : BUILT_IN) {
            try {
                commandGateway.sendAndWait(new SeedDefinitionCommand(definition.id(), SystemUser.HANDLE,
                        definition.handle(), definition.spec()));
            } catch (ConcurrencyException | AggregateStreamCreationException e) {
                // seeded concurrently by another node
            }
        }
    }
}
