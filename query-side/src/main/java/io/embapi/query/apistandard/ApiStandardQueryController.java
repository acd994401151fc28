package io.embapi.query.apistandard;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.platform.security.PublicAccess;
import io.embapi.platform.web.ApiException;
import io.embapi.platform.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Public reads of API standards, from the {@code api_standard_view} projection. */
@RestController
@RequestMapping("/v1/api-standards")
@Tag(name = "api-standards")
class ApiStandardQueryController {

    private final QueryGateway queries;

    ApiStandardQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    /** The list of standards. */
    @Schema(name = "GetAPIStandardsResponseBody")
    record ApiStandardList(@JsonProperty("api_standards") List<ApiStandardView> apiStandards) {
    }

    @GetMapping
    @PublicAccess
    @Operation(summary = "List API standards", description = "Ordered by handle; limit 1..200 (default 20).")
    ApiStandardList list(@RequestParam(required = false) Long limit, @RequestParam(required = false) Long offset) {
        Paging paging = Paging.of(limit, offset, 20);
        return new ApiStandardList(queries.query(new ApiStandardQueries.ListApiStandards(paging.limit(),
                paging.offset()), ResponseTypes.multipleInstancesOf(ApiStandardView.class)).join());
    }

    @GetMapping("/{api_standard_handle}")
    @PublicAccess
    @Operation(summary = "Get an API standard")
    ApiStandardView get(@PathVariable("api_standard_handle") String handle) {
        Optional<ApiStandardView> standard = queries.query(new ApiStandardQueries.FindApiStandard(handle),
                ResponseTypes.optionalInstanceOf(ApiStandardView.class)).join();
        return standard.orElseThrow(() -> ApiException.notFound("API standard " + handle + " not found"));
    }
}
