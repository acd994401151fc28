package io.embapi.platform.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;

/**
 * What happens to an event whose handler failed: it is always (re)queued, never evicted, so the projection never
 * silently skips it; only an operator evicts a sequence ({@code DELETE /v1/admin/processors/{name}/dead-letters/…}).
 * The letter counts its failed attempts in the diagnostic {@value #RETRIES}, which spaces out the automatic retries
 * ({@link DeadLetterRetrier}). The stored cause is a {@link HandlerFailure} summary: database errors carry the failing
 * row in their detail, which may be personal data that must not outlive the subject's data key in a side table.
 */
public class RetryingDeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    /** Diagnostic key: how many retries have failed since the letter was enqueued. */
    public static final String RETRIES = "retries";

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        // a first failure arrives with empty diagnostics; a failed retry with the count stored at the enqueue
        boolean retry = letter.diagnostics().containsKey(RETRIES);
        return Decisions.requeue(HandlerFailure.of(cause),
                l -> l.diagnostics().and(RETRIES, retry ? retries(l) + 1 : 0));
    }

    /** The failed retries recorded on {@code letter}. */
    public static int retries(DeadLetter<?> letter) {
        Object value = letter.diagnostics().get(RETRIES);
        return value instanceof Number number ? number.intValue() : 0;
    }
}
