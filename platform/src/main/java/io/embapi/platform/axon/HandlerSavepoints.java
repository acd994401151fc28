package io.embapi.platform.axon;

import java.sql.Connection;
import java.sql.Savepoint;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs each event handler of a streaming processor in a savepoint of the processor's transaction. In PostgreSQL a
 * failed statement aborts the whole transaction, so without it a projection whose SQL fails could not even write the
 * dead letter: the processor would retry the batch forever and every later event would wait behind it. With it the
 * handler's writes are rolled back to the savepoint, the dead letter is stored, and the processor goes on (found by
 * {@code DeadLetterTest}; ADR 0009). Subscribing processors (plain, untracked messages) are left as they are: their
 * failure fails the command's transaction anyway.
 */
@Component
public class HandlerSavepoints implements HandlerEnhancerDefinition {

    private final DataSource dataSource;

    HandlerSavepoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (!(message instanceof TrackedEventMessage<?>)
                        || !TransactionSynchronizationManager.isActualTransactionActive()) {
                    return super.handle(message, target);
                }
                Connection connection = DataSourceUtils.getConnection(dataSource);
                try {
                    Savepoint savepoint = connection.setSavepoint();
                    try {
                        Object result = super.handle(message, target);
                        connection.releaseSavepoint(savepoint);
                        return result;
                    } catch (Exception | Error failure) {
                        connection.rollback(savepoint);
                        throw failure;
                    }
                } finally {
                    DataSourceUtils.releaseConnection(connection, dataSource);
                }
            }
        };
    }
}
