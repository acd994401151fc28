package io.embapi.command.user;

import io.embapi.platform.seed.Seed;
import io.embapi.shared.user.RegisterSystemUserCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure the {@code _system} account exists before the service takes requests. It is registered through the
 * normal command path, so it has an event like every other user and survives a rebuild of the read models.
 */
@Component
@Order(0)
class SystemUserSeeder implements Seed {

    private static final Logger log = LoggerFactory.getLogger(SystemUserSeeder.class);

    private final CommandGateway commandGateway;

    SystemUserSeeder(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @Override
    public void seed() {
        try {
            commandGateway.sendAndWait(new RegisterSystemUserCommand());
        } catch (ConcurrencyException | AggregateStreamCreationException e) {
            log.debug("_system was registered concurrently by another node");
        }
    }
}
