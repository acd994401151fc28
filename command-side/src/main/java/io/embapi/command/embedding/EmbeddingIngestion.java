package io.embapi.command.embedding;

import io.embapi.command.embedding.EmbeddingRegistry.ProjectContext;
import io.embapi.command.embedding.EmbeddingRegistry.Stored;
import io.embapi.command.metadata.MetadataSchemas;
import io.embapi.shared.RejectedCommandException;
import io.embapi.shared.RejectedCommandException.Reason;
import io.embapi.shared.embedding.EmbeddingBatchIds;
import io.embapi.shared.embedding.EmbeddingInput;
import io.embapi.shared.embedding.EmbeddingRecord;
import io.embapi.shared.embedding.EmbeddingsUpsertedEvent;
import io.embapi.shared.embedding.UpsertEmbeddingsCommand;
import io.embapi.shared.vector.VectorCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Accepts an upload batch all or nothing: every item is checked in order with the reference's rules and messages
 * (instance, dimensions, metadata merge, metadata schema); only when all pass does the batch become one
 * {@link EmbeddingsUpsertedEvent} in its own stream. The stored rows the batch touches are locked while it is
 * checked, so concurrent batches on the same ids queue instead of losing each other's metadata.
 */
@Component
class EmbeddingIngestion {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EmbeddingRegistry registry;
    private final MetadataSchemas schemas;
    private final EventStore eventStore;
    private final EmbeddingWriteOrder writeOrder;

    EmbeddingIngestion(EmbeddingRegistry registry, MetadataSchemas schemas, EventStore eventStore,
                       EmbeddingWriteOrder writeOrder) {
        this.registry = registry;
        this.writeOrder = writeOrder;
        this.schemas = schemas;
        this.eventStore = eventStore;
    }

    @CommandHandler
    List<String> handle(UpsertEmbeddingsCommand command) {
        ProjectContext project = registry.project(command.projectId()).orElseThrow(() ->
                new RejectedCommandException(Reason.NOT_FOUND, "project " + command.projectId() + " not found"));
        String projectName = project.owner() + "/" + project.projectHandle();
        if (command.items().isEmpty()) {
            return List.of();
        }
        if (project.instanceHandle() == null || !project.instanceExists()) {
            throw new RejectedCommandException(Reason.INVALID, "Cannot access LLM Service Instance specified in the "
                    + "project " + projectName + ": the project has no LLM service instance");
        }
        List<String> textIds = command.items().stream().map(EmbeddingInput::textId).distinct().toList();
        writeOrder.writing(project.projectId(), textIds);
        Map<String, Stored> stored = new HashMap<>(registry.stored(project.projectId(), textIds));
        List<EmbeddingRecord> records = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (EmbeddingInput item : command.items()) {
            EmbeddingRecord record = accept(item, project, projectName, stored.get(item.textId()));
            stored.put(record.textId(), new Stored(record.textId(), record.text(), record.metadata()));
            records.add(record);
            ids.add(item.textId());
        }
        eventStore.publish(new GenericDomainEventMessage<>("EmbeddingBatch",
                EmbeddingBatchIds.streamId(command.batchId()), 0L,
                new EmbeddingsUpsertedEvent(project.projectId(), records)));
        return ids;
    }

    private EmbeddingRecord accept(EmbeddingInput item, ProjectContext project, String projectName, Stored current) {
        String textId = item.textId();
        if (!project.instanceHandle().equals(item.instanceHandle())) {
            throw invalid("Instance handle '" + item.instanceHandle() + "' for embedding with text_id '" + textId
                    + "' does not match the instance handle '" + project.instanceHandle()
                    + "' connected to project '" + projectName + "'");
        }
        if (project.dimensions() == null) {
            throw invalid("LLM service instance does not have dimensions configured");
        }
        String dimensionProblem = dimensionProblem(item, project);
        if (dimensionProblem != null) {
            throw invalid("Dimension validation failed for input " + textId + ": " + dimensionProblem);
        }
        String metadata = mergedMetadata(item, current);
        if (project.metadataScheme() != null) {
            if (metadata == null) {
                throw invalid("metadata validation failed for text_id '" + textId
                        + "': metadata is required when project has a metadata schema defined");
            }
            List<String> violations = schemas.violations(project.metadataScheme(), metadata);
            if (!violations.isEmpty()) {
                throw invalid("metadata validation failed for text_id '" + textId + "': metadata validation failed:"
                        + violations.stream().map(v -> "\n  - " + v).reduce("", String::concat));
            }
        }
        String text = item.text() != null && !item.text().isEmpty() ? item.text()
                : current != null ? current.text() : "";
        return new EmbeddingRecord(textId, text, item.vector().length, VectorCodec.encode(item.vector()), metadata);
    }

    private static String dimensionProblem(EmbeddingInput item, ProjectContext project) {
        if (item.textId() == null || item.textId().isEmpty()) {
            return "text_id cannot be empty";
        }
        if (item.vector() == null || item.vector().length == 0) {
            return "vector cannot be empty for text_id '" + item.textId() + "'";
        }
        int declared = item.vectorDim() == null ? 0 : item.vectorDim();
        if (declared != project.dimensions()) {
            return "vector dimension mismatch: embedding declares " + declared + " dimensions but LLM service "
                    + "instance '" + project.instanceHandle() + "' expects " + project.dimensions() + " dimensions";
        }
        if (item.vector().length != declared) {
            return "vector length mismatch for text_id '" + item.textId() + "': actual vector has "
                    + item.vector().length + " elements but vector_dim declares " + declared;
        }
        if (!VectorCodec.allFinite(item.vector())) {
            return "vector for text_id '" + item.textId() + "' has a value that is not a finite float32";
        }
        if (!VectorCodec.allHalfPrecision(item.vector())) {
            return "vector for text_id '" + item.textId() + "' has a value beyond half precision (|x| must stay "
                    + "below 65520): vectors are stored and searched as halfvec";
        }
        if (VectorCodec.isZeroInHalfPrecision(item.vector())) {
            return "vector for text_id '" + item.textId() + "' is zero in half precision (every |x| <= 2^-25): "
                    + "its cosine similarity to anything is undefined";
        }
        return null;
    }

    /**
     * The reference's merge: the sent object's keys are added or replaced, keys sent as {@code null} removed, other
     * stored keys kept; no metadata sent keeps the stored metadata.
     */
    private static String mergedMetadata(EmbeddingInput item, Stored current) {
        String stored = current == null ? null : current.metadata();
        if (item.metadataJson() == null) {
            return stored;
        }
        JsonNode patch = JSON.readTree(item.metadataJson());
        ObjectNode merged = stored == null ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(stored);
        patch.properties().forEach(entry -> {
            if (entry.getValue().isNull()) {
                merged.remove(entry.getKey());
            } else {
                merged.set(entry.getKey(), entry.getValue());
            }
        });
        return JSON.writeValueAsString(merged);
    }

    private static RejectedCommandException invalid(String message) {
        return new RejectedCommandException(Reason.INVALID, message);
    }
}
