package io.embapi.platform.processing;

import io.embapi.platform.security.Access;
import io.embapi.platform.security.Scheme;
import io.embapi.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Event processor operations (admin): list processors with position, lag and replay progress; rebuild one or all
 * (202, progress in the list); list, retry and evict dead letters. {@code ops/rebuild} drives the rebuild endpoints.
 */
@RestController
@Tag(name = "admin")
class ProcessorController {

    private static final int MAX_LIMIT = 1000;

    private final ProcessorOperations operations;

    ProcessorController(ProcessorOperations operations) {
        this.operations = operations;
    }

    /** The answer of the list endpoint. */
    record ProcessorsView(long head, List<ProcessorView> processors) {
    }

    /** The dead letters of one processor. */
    record DeadLettersView(String processor, long total, List<DeadLetterView> letters) {
    }

    @GetMapping("/v1/admin/processors")
    @Access(Scheme.ADMIN)
    @Operation(summary = "List the event processors", description = "Every processor with kind, running and error "
            + "state, per-segment position, the head of the event store, lag (events behind), replay progress and "
            + "the number of dead letters.")
    ProcessorsView list() {
        List<ProcessorView> processors = operations.list();
        return new ProcessorsView(processors.isEmpty() ? operations.head() : processors.get(0).head(), processors);
    }

    @GetMapping("/v1/admin/processors/{processor}")
    @Access(Scheme.ADMIN)
    @Operation(summary = "One event processor", description = "The status URL a rebuild answers with.")
    ProcessorView status(@PathVariable("processor") String processor) {
        return operations.status(processor);
    }

    @PostMapping("/v1/admin/processors/{processor}/rebuild")
    @Access(Scheme.ADMIN)
    @Operation(summary = "Rebuild one projection", description = "Stops the processor, empties its tables (its "
            + "reset handlers) and its dead-letter queue, resets its tokens and starts the replay from the first "
            + "event. Answers 202 at once; follow the Location. 409 for subscribing processors (command-side lookup "
            + "tables) and processors that are never rebuilt (the audit chain).")
    ResponseEntity<ProcessorView> rebuild(@PathVariable("processor") String processor) {
        ProcessorView started = operations.rebuild(processor);
        return ResponseEntity.accepted().location(URI.create("/v1/admin/processors/" + processor)).body(started);
    }

    @PostMapping("/v1/admin/processors/rebuild")
    @Access(Scheme.ADMIN)
    @Operation(summary = "Rebuild every projection", description = "The same as the single rebuild for every "
            + "rebuildable processor; answers 202 with the processors it started.")
    ResponseEntity<ProcessorsView> rebuildAll() {
        List<ProcessorView> started = operations.rebuildAll();
        return ResponseEntity.accepted().location(URI.create("/v1/admin/processors"))
                .body(new ProcessorsView(started.isEmpty() ? operations.head() : started.get(0).head(), started));
    }

    @GetMapping("/v1/admin/processors/{processor}/dead-letters")
    @Access(Scheme.ADMIN)
    @Operation(summary = "List a processor's dead letters", description = "Sequence, event type, global index, "
            + "enqueue time, retries and the summarised cause of each; never the payload. limit 1..1000 (100).")
    DeadLettersView deadLetters(@PathVariable("processor") String processor,
                                @RequestParam(name = "limit", defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        List<DeadLetterView> letters = operations.deadLetters(processor, limit);
        Long total = operations.status(processor).deadLetters();
        return new DeadLettersView(processor, total == null ? 0 : total, letters);
    }

    @PostMapping("/v1/admin/processors/{processor}/dead-letters/retry")
    @Access(Scheme.ADMIN)
    @Operation(summary = "Retry a processor's dead letters now", description = "Each sequence is handled in order "
            + "from its first letter and stops at the first failure, which stays queued.")
    ProcessorOperations.RetryOutcome retry(@PathVariable("processor") String processor) {
        return operations.retry(processor);
    }

    @DeleteMapping("/v1/admin/processors/{processor}/dead-letters/{sequence}")
    @Access(Scheme.ADMIN)
    @Operation(summary = "Evict a dead-letter sequence", description = "Its events are then not applied by this "
            + "processor until a rebuild. 404 when the sequence has no dead letters.")
    ResponseEntity<Void> evict(@PathVariable("processor") String processor,
                               @PathVariable("sequence") String sequence) {
        operations.evict(processor, sequence);
        return ResponseEntity.noContent().build();
    }
}
