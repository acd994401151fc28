package io.embapi.command.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.command.metadata.MetadataSchemas;
import io.embapi.platform.crypto.MasterKeyring;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The reference's sanity check, over the command-side lookup tables (current as of the last committed command).
 * Issues (status FAILED): a project without a usable LLM instance, an embedding whose dimensions differ from its
 * project's instance, stored metadata that violates the project's schema, data keys wrapped under a master key that
 * is not configured. Warnings: embeddings without a schema to check them against, data keys still under the previous
 * master key.
 */
@Component
class SanityCheck {

    private final JdbcTemplate jdbc;
    private final MasterKeyring keyring;
    private final MetadataSchemas schemas;

    SanityCheck(JdbcTemplate jdbc, MasterKeyring keyring, MetadataSchemas schemas) {
        this.jdbc = jdbc;
        this.keyring = keyring;
        this.schemas = schemas;
    }

    /** The result of a sanity check, in the reference's shape. */
    @Schema(name = "SanityCheckResponse")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Report(
            @JsonInclude(JsonInclude.Include.ALWAYS) String status,
            @JsonProperty("total_projects") @JsonInclude(JsonInclude.Include.ALWAYS) long totalProjects,
            @JsonProperty("issues_count") @JsonInclude(JsonInclude.Include.ALWAYS) int issuesCount,
            @JsonProperty("warnings_count") @JsonInclude(JsonInclude.Include.ALWAYS) int warningsCount,
            List<String> issues,
            List<String> warnings) {
    }

    private record ProjectFacts(long projectId, String name, String instanceOwner, String instanceHandle,
                                boolean instanceExists, Integer dimensions, String metadataScheme,
                                long embeddings) {
    }

    Report run() {
        List<String> issues = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<ProjectFacts> projects = jdbc.query("""
                SELECT p.project_id, p.owner || '/' || p.project_handle, p.instance_owner, p.instance_handle,
                       i.instance_id IS NOT NULL, i.dimensions, p.metadata_scheme,
                       (SELECT count(*) FROM embedding_registry e WHERE e.project_id = p.project_id)
                FROM project_registry p
                LEFT JOIN instance_registry i ON i.owner = p.instance_owner AND i.instance_handle = p.instance_handle
                ORDER BY p.owner, p.project_handle
                """, (rs, n) -> new ProjectFacts(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getBoolean(5), (Integer) rs.getObject(6), rs.getString(7), rs.getLong(8)));
        for (ProjectFacts project : projects) {
            check(project, issues, warnings);
        }
        checkDataKeys(issues, warnings);
        String status = !issues.isEmpty() ? "FAILED" : !warnings.isEmpty() ? "WARNING" : "PASSED";
        return new Report(status, projects.size(), issues.size(), warnings.size(), issues, warnings);
    }

    private void check(ProjectFacts project, List<String> issues, List<String> warnings) {
        String prefix = "Project " + project.name();
        if (project.instanceHandle() == null) {
            issues.add(prefix + ": unable to get LLM service instance: no instance linked");
        } else if (!project.instanceExists()) {
            issues.add(prefix + ": unable to get LLM service instance: instance " + project.instanceOwner() + "/"
                    + project.instanceHandle() + " not found");
        }
        if (project.embeddings() > 0 && project.metadataScheme() == null) {
            warnings.add(prefix + " has " + project.embeddings() + " embeddings but no metadata schema defined");
        }
        jdbc.query("SELECT text_id, vector_dim, metadata::text FROM embedding_registry WHERE project_id = ? "
                + "ORDER BY text_id", rs -> {
                    String textId = rs.getString(1);
                    int dimensions = rs.getInt(2);
                    if (project.dimensions() != null && dimensions != project.dimensions()) {
                        issues.add(prefix + ": text_id '" + textId + "': vector dimension " + dimensions
                                + " does not match LLM service dimension " + project.dimensions());
                    }
                    String metadata = rs.getString(3);
                    if (project.metadataScheme() != null && metadata != null) {
                        List<String> violations = schemas.violations(project.metadataScheme(), metadata);
                        if (!violations.isEmpty()) {
                            issues.add(prefix + ": text_id '" + textId + "': metadata validation failed:"
                                    + violations.stream().map(v -> "\n  - " + v).reduce("", String::concat));
                        }
                    }
                }, project.projectId());
    }

    private void checkDataKeys(List<String> issues, List<String> warnings) {
        jdbc.query("SELECT master_key_id, count(*) FROM data_key GROUP BY master_key_id ORDER BY master_key_id",
                rs -> {
                    String masterKeyId = rs.getString(1);
                    if (keyring.byId(masterKeyId).isEmpty()) {
                        issues.add(rs.getInt(2) + " data keys are wrapped under master key " + masterKeyId
                                + ", which is neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS");
                    } else if (!masterKeyId.equals(keyring.currentId())) {
                        warnings.add(rs.getInt(2) + " data keys are still wrapped under the previous master key "
                                + masterKeyId + "; run POST /v1/admin/encryption-key/rotate");
                    }
                });
    }
}
