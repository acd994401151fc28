package io.embapi.platform.consistency;

import io.embapi.platform.cache.TableChanges;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * How the REST edge sends commands: synchronously (the client learns whether the write was accepted), then waits
 * until the projections have the change, so the same client's next read sees it. If they lag past the bound, the
 * response carries {@code X-Embapi-Consistency: pending}. The node's lookup caches are brought up to date before
 * answering, so a revoked key or a removed member is refused from the next request on.
 */
@Component
public class CommandDispatcher {

    public static final String CONSISTENCY_HEADER = "X-Embapi-Consistency";

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

    private final CommandGateway commandGateway;
    private final ProjectionBarrier barrier;
    private final TableChanges tableChanges;

    CommandDispatcher(CommandGateway commandGateway, ProjectionBarrier barrier, TableChanges tableChanges) {
        this.commandGateway = commandGateway;
        this.barrier = barrier;
        this.tableChanges = tableChanges;
    }

    /** Sends a command that changes nothing and answers something (e.g. the state a PATCH starts from). */
    public <R> R ask(Object command) {
        try {
            return commandGateway.sendAndWait(command);
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * @param command         the command
     * @param streamToAwait   the aggregate whose newest event the projections must reach before returning
     * @return the command handler's result
     */
    public <R> R send(Object command, String streamToAwait) {
        long previousHead = barrier.headOf(streamToAwait);
        R result = ask(command);
        boolean caughtUp;
        try {
            caughtUp = barrier.awaitStreamAfter(streamToAwait, previousHead);
        } catch (DataAccessException e) {
            // The command is committed; only the wait for the projections lost the database. Answering 503 would
            // tell the client the write failed (ADR 0019): answer its result, marked pending.
            log.warn("write committed, but waiting for the projections failed: {}", e.getMessage());
            caughtUp = false;
        }
        tableChanges.catchUp();
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getResponse() != null) {
            attributes.getResponse().setHeader(CONSISTENCY_HEADER, caughtUp ? "synced" : "pending");
        }
        return result;
    }
}
