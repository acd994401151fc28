package io.embapi.query.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.embapi.platform.crypto.MasterKeyring;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sanity check: scans the read models for data that breaks the service's rules. Issues
 * (status FAILED): projects without a usable LLM instance, data keys wrapped under a master key that is not
 * configured (their secrets and personal data cannot be read). The embeddings slice adds its dimension and
 * metadata-schema checks here.
 */
@Component
class SanityCheck {

    private final JdbcTemplate jdbc;
    private final MasterKeyring keyring;

    SanityCheck(JdbcTemplate jdbc, MasterKeyring keyring) {
        this.jdbc = jdbc;
        this.keyring = keyring;
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

    Report run() {
        List<String> issues = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        jdbc.query("""
                SELECT p.owner, p.project_handle, p.instance_owner, p.instance_handle, i.instance_id, i.dimensions
                FROM project_view p
                LEFT JOIN instance_view i ON i.owner = p.instance_owner AND i.instance_handle = p.instance_handle
                ORDER BY p.owner, p.project_handle
                """, rs -> {
                    String project = "Project " + rs.getString(1) + "/" + rs.getString(2);
                    if (rs.getString(4) == null) {
                        issues.add(project + ": unable to get LLM service instance: no instance linked");
                    } else if (rs.getObject(5) == null) {
                        issues.add(project + ": unable to get LLM service instance: instance " + rs.getString(3)
                                + "/" + rs.getString(4) + " not found");
                    } else if (rs.getObject(6) == null) {
                        issues.add(project + ": LLM service instance " + rs.getString(3) + "/" + rs.getString(4)
                                + " does not have dimensions configured");
                    }
                });
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
        Long projects = jdbc.queryForObject("SELECT count(*) FROM project_view", Long.class);
        String status = !issues.isEmpty() ? "FAILED" : !warnings.isEmpty() ? "WARNING" : "PASSED";
        return new Report(status, projects == null ? 0 : projects, issues.size(), warnings.size(), issues, warnings);
    }
}
