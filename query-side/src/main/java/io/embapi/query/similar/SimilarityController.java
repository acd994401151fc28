package io.embapi.query.similar;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.platform.security.Access;
import io.embapi.platform.security.Scheme;
import io.embapi.platform.web.ApiException;
import io.embapi.platform.web.JsonBody;
import io.embapi.platform.web.JsonSyntax;
import io.embapi.platform.web.Paging;
import io.embapi.platform.web.StorableText;
import io.embapi.platform.web.ValidationError;
import io.embapi.query.similar.SimilarityQueries.Hit;
import io.embapi.query.similar.SimilarityQueries.PrepareSearch;
import io.embapi.query.similar.SimilarityQueries.QueryDocument;
import io.embapi.query.similar.SimilarityQueries.Search;
import io.embapi.query.similar.SimilarityQueries.SearchContext;
import io.embapi.query.similar.SimilarityQueries.SearchProject;
import io.embapi.shared.embedding.TextIds;
import io.embapi.shared.user.SystemUser;
import io.embapi.shared.vector.VectorCodec;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Similarity search (spec §4.5): the nearest embeddings of a project to a stored one or to a posted vector, with the
 * reference's parameters and messages, plus a metadata {@code filter} (see {@link MetadataFilter}).
 */
@RestController
@RequestMapping("/v1/similars/{user_handle}/{project_handle}")
@Tag(name = "similarity")
class SimilarityController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FILTER_DESCRIPTION = "Extension: a metadata filter as JSON, e.g. "
            + "{\"must\":[{\"key\":\"lang\",\"in\":[\"de\",\"en\"]}],\"must_not\":[{\"key\":\"/source/kind\","
            + "\"equals\":\"draft\"}]}; keys are JSON pointers (/a/b) or dotted paths (a.b); each condition has "
            + "exactly one of equals (string, number, boolean), in (1..100 such values), exists (boolean).";

    private final QueryGateway queries;

    SimilarityController(QueryGateway queries) {
        this.queries = queries;
    }

    /** The answer of both endpoints (the reference's {@code SimilarResponseBody}). */
    @Schema(name = "SimilarResponseBody")
    record SimilarResponse(@JsonProperty("user_handle") String userHandle,
                           @JsonProperty("project_handle") String projectHandle,
                           List<Result> results) {
    }

    /** One similar document: its text id and cosine similarity (1 for identical vectors). */
    @Schema(name = "SimilarResult")
    record Result(String id, @tools.jackson.databind.annotation.JsonSerialize(using = GoNumber.class)
                  @Schema(type = "number") double similarity) {
    }

    /** The body of {@code POST /v1/similars/{u}/{p}}. */
    @Schema(name = "PostSimilarInputBody")
    record SimilarBody(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the query vector; its length must "
                    + "be the dimensions of the project's LLM service instance")
            List<Double> vector,
            @Schema(implementation = SearchFilterDocumentation.class, description = "extension: a metadata filter")
            JsonNode filter) {
    }

    @GetMapping("/{text_id}")
    @Access({Scheme.ADMIN, Scheme.OWNER, Scheme.READER})
    @Operation(summary = "Find documents similar to a stored one", description = "Candidates are the project's "
            + "other embeddings of the same dimensions, ordered by cosine similarity (descending), at least "
            + "`threshold`. metadata_path/metadata_value exclude documents whose top-level metadata value equals "
            + "the given one; `filter` (an extension) includes and excludes by metadata. 404 when nothing is found.")
    SimilarResponse similarToStored(
            @PathVariable("user_handle") String owner, @PathVariable("project_handle") String handle,
            @PathVariable("text_id") String textId,
            @RequestParam(required = false) Long count, @RequestParam(required = false) Long limit,
            @RequestParam(required = false) Long offset, @RequestParam(required = false) Double threshold,
            @RequestParam(name = "metadata_path", required = false) String metadataPath,
            @RequestParam(name = "metadata_value", required = false) String metadataValue,
            @Parameter(description = FILTER_DESCRIPTION) @RequestParam(required = false) String filter) {
        Parameters parameters = parameters(count, limit, offset, threshold, metadataPath, metadataValue,
                filter == null ? null : parse(filter), "query.filter");
        SystemUser.ensureNotSystem(owner);
        parameters.checkPairing();
        String escaped = TextIds.queryEscape(textId);
        SearchContext context = context(owner, handle, escaped);
        QueryDocument document = context.document();
        if (document == null) {
            throw ApiException.notFound("no embeddings found for user " + owner + ", project " + handle + ", id "
                    + escaped + ".");
        }
        return search(context.project(), parameters, document.vector(), document.dimensions(), escaped, "by-id");
    }

    @PostMapping
    @Access({Scheme.ADMIN, Scheme.OWNER, Scheme.READER})
    @Operation(summary = "Find documents similar to a vector", description = "The vector must have the dimensions "
            + "of the project's LLM service instance; it is rounded to half precision like the stored vectors. "
            + "Candidates are the project's embeddings of those dimensions. Parameters as for the GET, and the "
            + "metadata filter may also come in the body.")
    SimilarResponse similarToVector(
            @PathVariable("user_handle") String owner, @PathVariable("project_handle") String handle,
            @RequestParam(required = false) Long count, @RequestParam(required = false) Long limit,
            @RequestParam(required = false) Long offset, @RequestParam(required = false) Double threshold,
            @RequestParam(name = "metadata_path", required = false) String metadataPath,
            @RequestParam(name = "metadata_value", required = false) String metadataValue,
            @Parameter(description = FILTER_DESCRIPTION + " Not together with a filter in the body.")
            @RequestParam(required = false) String filter,
            @JsonBody SimilarBody body) {
        if (filter != null && body.filter() != null && !body.filter().isNull()) {
            throw ApiException.validationFailed(List.of(new ValidationError("expected the filter either in the "
                    + "query or in the body", "query.filter", filter)));
        }
        Parameters parameters = filter != null
                ? parameters(count, limit, offset, threshold, metadataPath, metadataValue, parse(filter), "query.filter")
                : parameters(count, limit, offset, threshold, metadataPath, metadataValue, body.filter(),
                        "body.filter");
        SystemUser.ensureNotSystem(owner);
        parameters.checkPairing();
        SearchProject project = context(owner, handle, null).project();
        if (project.instanceHandle() == null) {
            throw ApiException.badRequest("project does not have an associated LLM service instance");
        }
        if (project.dimensions() == null || project.dimensions() <= 0) {
            throw ApiException.badRequest("LLM service instance does not have dimensions configured");
        }
        if (body.vector().size() != project.dimensions()) {
            throw ApiException.badRequest("vector dimension mismatch: expected " + project.dimensions()
                    + " dimensions, got " + body.vector().size());
        }
        return search(project, parameters, vectorText(body.vector()), project.dimensions(), null, "by-vector");
    }

    private SimilarResponse search(SearchProject project, Parameters parameters, String vector, int dimensions,
                                   String exclude, String endpoint) {
        List<Hit> hits = queries.query(new Search(project.projectId(), dimensions, vector, exclude,
                        parameters.filter(), parameters.limit(), parameters.offset(), parameters.threshold(), endpoint),
                ResponseTypes.multipleInstancesOf(Hit.class)).join();
        if (hits.isEmpty()) {
            throw ApiException.notFound("no similar items found");
        }
        return new SimilarResponse(project.owner(), project.projectHandle(),
                hits.stream().map(h -> new Result(h.id(), h.similarity())).toList());
    }

    /** The user, project and query document, checked in the reference's order (404s). */
    private SearchContext context(String owner, String handle, String textId) {
        SearchContext context = queries.query(new PrepareSearch(owner, handle, textId),
                ResponseTypes.instanceOf(SearchContext.class)).join();
        if (!context.userExists()) {
            throw ApiException.notFound("user " + owner + " not found");
        }
        if (context.project() == null) {
            throw ApiException.notFound("user " + owner + "'s project " + handle + " not found");
        }
        return context;
    }

    /** The checked query parameters. */
    private record Parameters(int limit, int offset, double threshold, String metadataPath, String metadataValue,
                              MetadataFilter filter) {

        void checkPairing() {
            if (metadataPath != null && metadataValue == null) {
                throw ApiException.badRequest("metadata_path is set but metadata_value is not");
            }
            if (metadataValue != null && metadataPath == null) {
                throw ApiException.badRequest("metadata_value is set but metadata_path is not");
            }
        }
    }

    /** Range checks (422, all problems at once) as the reference's parameter validation does them. */
    private static Parameters parameters(Long count, Long limit, Long offset, Double threshold, String metadataPath,
                                         String metadataValue, JsonNode filter, String filterLocation) {
        List<ValidationError> errors = new ArrayList<>();
        long c = count == null ? 10 : count;
        if (c < 1 || c > Paging.MAX_LIMIT) {
            errors.add(new ValidationError(c < 1 ? "expected number >= 1" : "expected number <= " + Paging.MAX_LIMIT,
                    "query.count", c));
        }
        double t = threshold == null ? 0.5 : threshold;
        if (!(t >= 0)) {
            errors.add(new ValidationError("expected number >= 0", "query.threshold", t));
        } else if (t > 1) {
            errors.add(new ValidationError("expected number <= 1", "query.threshold", t));
        }
        Paging paging;
        try {
            paging = Paging.of(limit, offset, 10);
        } catch (ApiException e) {
            errors.addAll(e.errors());
            paging = null;
        }
        MetadataFilter parsed = MetadataFilter.none();
        try {
            parsed = MetadataFilter.parse(filter, filterLocation);
        } catch (ApiException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw ApiException.validationFailed(errors);
        }
        if (metadataPath != null && metadataValue != null) {
            parsed = parsed.excluding(metadataPath, metadataValue);
        }
        return new Parameters((int) Math.min(paging.limit(), c), paging.offset(), t, metadataPath, metadataValue,
                parsed);
    }

    private static JsonNode parse(String filter) {
        try {
            JsonNode node = JSON.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(filter);
            StorableText.require(node, "query.filter");
            return node;
        } catch (JacksonException e) {
            throw ApiException.validationFailed(List.of(new ValidationError("expected a JSON object: "
                    + JsonSyntax.describe(e), "query.filter", filter)));
        }
    }

    /** The vector in pgvector's text form; every value must be a finite number within half precision. */
    private static String vectorText(List<Double> values) {
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(i).floatValue();
        }
        int beyond = VectorCodec.firstBeyondHalfPrecision(vector);
        if (beyond >= 0) {
            throw ApiException.badRequest("vector has a value beyond half precision at index " + beyond
                    + " (|x| must stay below 65520)");
        }
        if (VectorCodec.isZeroInHalfPrecision(vector)) {
            throw ApiException.badRequest("vector is zero in half precision (every |x| <= 2^-25): its cosine "
                    + "similarity to anything is undefined");
        }
        return VectorCodec.pgvectorText(vector);
    }
}
