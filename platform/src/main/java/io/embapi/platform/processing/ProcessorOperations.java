package io.embapi.platform.processing;

import io.embapi.platform.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Operations on the event processors this JVM runs: their state against the head of the event store, rebuilds
 * (reset the tokens, which runs the projections' {@code @ResetHandler}s that empty their tables and empties the
 * dead-letter queue, then replay from the first event), and the dead-letter queues. Everything goes through Axon's
 * {@link EventProcessingConfiguration} and {@link StreamingEventProcessor} APIs; only the head is read with SQL.
 *
 * <p>Subscribing processors (the command side's lookup tables) are listed but never reset: they are written inside
 * the command's transaction, so they are as current as the event store and are restored together with it (ADR 0009).
 */
@Component
public class ProcessorOperations {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorOperations.class);
    private static final Duration CLAIM_WAIT = Duration.ofSeconds(10);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final ProcessingSettings settings;

    ProcessorOperations(EventProcessingConfiguration processing, JdbcTemplate jdbc, ProcessingSettings settings) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** Every processor, by name. */
    public List<ProcessorView> list() {
        long head = head();
        return processing.eventProcessors().values().stream()
                .sorted(Comparator.comparing(EventProcessor::getName))
                .map(processor -> view(processor, head)).toList();
    }

    /** One processor (404 when there is none of that name). */
    public ProcessorView status(String name) {
        return view(processor(name), head());
    }

    /** Resets one processor and starts its replay; answers at once, the replay runs in the processor's threads. */
    public synchronized ProcessorView rebuild(String name) {
        EventProcessor processor = processor(name);
        String refusal = refusal(processor);
        if (refusal != null) {
            throw new ApiException(HttpStatus.CONFLICT, refusal);
        }
        reset((StreamingEventProcessor) processor);
        return view(processor, head());
    }

    /** Resets every rebuildable processor (the others are left alone and are not in the answer). */
    public synchronized List<ProcessorView> rebuildAll() {
        List<EventProcessor> rebuildable = processing.eventProcessors().values().stream()
                .filter(processor -> refusal(processor) == null)
                .sorted(Comparator.comparing(EventProcessor::getName)).toList();
        rebuildable.forEach(processor -> reset((StreamingEventProcessor) processor));
        long head = head();
        return rebuildable.stream().map(processor -> view(processor, head)).toList();
    }

    private void reset(StreamingEventProcessor processor) {
        LOG.warn("rebuilding {}: shutting down, resetting its tokens and tables, replaying from the first event",
                processor.getName());
        processor.shutDown();
        try {
            processor.resetTokens();
        } finally {
            processor.start();
        }
        awaitClaims(processor);
    }

    /**
     * Waits (bounded) until the restarted processor has claimed its segments, so that the answer already shows the
     * replay and its target; a processor whose segments another node holds shows them once that node lets go.
     */
    private static void awaitClaims(StreamingEventProcessor processor) {
        long deadline = System.nanoTime() + CLAIM_WAIT.toNanos();
        while (processor.processingStatus().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The dead letters of one processor, sequence by sequence, at most {@code limit} of them. */
    public List<DeadLetterView> deadLetters(String name, int limit) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(name);
        List<DeadLetterView> letters = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            int index = 0;
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (letters.size() >= limit) {
                    return letters;
                }
                letters.add(view(name, letter, index++));
            }
        }
        return letters;
    }

    /** How a retry went: sequences tried, those now fully processed, those that failed again, letters left. */
    public record RetryOutcome(int tried, int succeeded, int failed, long remaining) {
    }

    /** Retries every sequence of the processor's dead-letter queue now. */
    public RetryOutcome retry(String name) {
        return retry(name, letter -> true);
    }

    /**
     * Retries the sequences whose first letter matches {@code due}, each in order: a sequence is handled from its
     * first letter on and stops at the first failure (which is requeued with one more retry counted).
     */
    public RetryOutcome retry(String name, Predicate<DeadLetter<? extends EventMessage<?>>> due) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(name);
        SequencedDeadLetterProcessor<EventMessage<?>> letters = processing.sequencedDeadLetterProcessor(name)
                .orElseThrow(() -> ApiException.notFound("processor " + name + " has no dead-letter queue"));
        List<String> sequences = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> first : sequence) {
                if (due.test(first)) {
                    sequences.add(sequenceOf(name, first));
                }
                break;
            }
        }
        int succeeded = 0;
        for (String sequence : sequences) {
            if (letters.process(letter -> sequence.equals(sequenceOf(name, letter)))) {
                succeeded++;
            }
        }
        if (!sequences.isEmpty()) {
            LOG.info("{}: retried {} dead-letter sequence(s), {} succeeded", name, sequences.size(), succeeded);
        }
        return new RetryOutcome(sequences.size(), succeeded, sequences.size() - succeeded, queue.size());
    }

    /**
     * Removes a whole sequence from the dead-letter queue: its events are then never applied by this processor (a
     * later rebuild applies them again). An operator's decision, logged.
     *
     * @return how many letters were evicted
     */
    public int evict(String name, String sequence) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(name);
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetterSequence(sequence).forEach(letters::add);
        if (letters.isEmpty()) {
            throw ApiException.notFound("processor " + name + " has no dead letters in sequence " + sequence);
        }
        letters.forEach(queue::evict);
        LOG.warn("{}: evicted dead-letter sequence {} ({} event(s) will not be applied until a rebuild)", name,
                sequence, letters.size());
        return letters.size();
    }

    /** The names of the processors that have a dead-letter queue. */
    List<String> withDeadLetterQueues() {
        return processing.eventProcessors().keySet().stream()
                .filter(name -> processing.deadLetterQueue(name).isPresent()).sorted().toList();
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String name) {
        processor(name);
        return processing.deadLetterQueue(name)
                .orElseThrow(() -> ApiException.notFound("processor " + name + " has no dead-letter queue"));
    }

    private EventProcessor processor(String name) {
        EventProcessor processor = processing.eventProcessors().get(name);
        if (processor == null) {
            throw ApiException.notFound("no event processor named " + name);
        }
        return processor;
    }

    /** Why {@code processor} may not be rebuilt, or null when it may. */
    private String refusal(EventProcessor processor) {
        if (settings.neverRebuild().contains(processor.getName())) {
            return processor.getName() + " is never rebuilt: its state is not derived by a replay (embapi.processing"
                    + ".never-rebuild)";
        }
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return processor.getName() + " is a subscribing processor: it writes a command-side lookup table in the "
                    + "command's transaction and is restored with the event store, not replayed";
        }
        if (!streaming.supportsReset()) {
            return processor.getName() + " has event handlers that do not support a reset";
        }
        return null;
    }

    private ProcessorView view(EventProcessor processor, long head) {
        String refusal = refusal(processor);
        Long deadLetters = processing.deadLetterQueue(processor.getName()).map(SequencedDeadLetterQueue::size)
                .orElse(null);
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            boolean error = processor instanceof SubscribingEventProcessor subscribing && subscribing.isError();
            return new ProcessorView(processor.getName(), kind(processor), processor.isRunning(), error, false,
                    refusal, false, head, null, 0, null, deadLetters, List.of());
        }
        List<ProcessorView.Segment> segments = new ArrayList<>();
        Long position = null;
        Double progress = null;
        boolean error = streaming.isError();
        Map<Integer, EventTrackerStatus> status = streaming.processingStatus();
        boolean replaying = false;
        for (EventTrackerStatus segment : status.values()) {
            Long current = boxed(segment.getCurrentPosition());
            Long reset = segment.isReplaying() ? boxed(segment.getResetPosition()) : null;
            // Axon keeps a replay token after the last replayed event until a newer one arrives: a segment that
            // reached its reset position has finished its replay.
            boolean segmentReplaying = reset != null && (current == null || current < reset);
            segments.add(new ProcessorView.Segment(segment.getSegment().getSegmentId(), current,
                    segmentReplaying ? reset : null, segment.isCaughtUp(), segmentReplaying,
                    segment.isErrorState() ? HandlerFailure.summarize(segment.getError()) : null));
            error |= segment.isErrorState();
            replaying |= segmentReplaying;
            long at = current == null ? -1 : current;
            position = position == null ? Long.valueOf(at) : Long.valueOf(Math.min(position, at));
            if (segmentReplaying) {
                double percent = reset <= 0 ? 100.0 : Math.min(100.0, 100.0 * Math.max(0, at) / reset);
                progress = progress == null ? percent : Math.min(progress, percent);
            }
        }
        segments.sort(Comparator.comparingInt(ProcessorView.Segment::segment));
        long lag = position == null ? Math.max(0, head + 1) : Math.max(0, head - position);
        return new ProcessorView(processor.getName(), kind(processor), processor.isRunning(), error,
                refusal == null, refusal, replaying, head, position, lag, replaying ? progress : null, deadLetters,
                segments);
    }

    private static String kind(EventProcessor processor) {
        if (processor instanceof TrackingEventProcessor) {
            return "tracking";
        }
        if (processor instanceof PooledStreamingEventProcessor) {
            return "pooled";
        }
        if (processor instanceof SubscribingEventProcessor) {
            return "subscribing";
        }
        return processor.getClass().getSimpleName();
    }

    private DeadLetterView view(String processor, DeadLetter<? extends EventMessage<?>> letter, int index) {
        EventMessage<?> message = letter.message();
        Long globalIndex = message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? boxed(tracked.trackingToken().position()) : null;
        Long aggregateSequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        Instant enqueued = letter.enqueuedAt();
        return new DeadLetterView(sequenceOf(processor, letter), index, message.getPayloadType().getName(),
                globalIndex, aggregateSequence, enqueued, letter.lastTouched(),
                RetryingDeadLetterPolicy.retries(letter), letter.cause().map(c -> c.message()).orElse(null));
    }

    private String sequenceOf(String processor, DeadLetter<? extends EventMessage<?>> letter) {
        if (letter instanceof JdbcDeadLetter<?> stored) {
            return stored.getSequenceIdentifier();
        }
        Object sequence = processing.sequencingPolicy(processor).getSequenceIdentifierFor(letter.message());
        return sequence instanceof String text ? text : Integer.toString(sequence.hashCode());
    }

    /** The global index of the newest event, or -1 for an empty store. */
    long head() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(globalindex), -1) FROM domainevententry", Long.class);
        return head == null ? -1 : head;
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
