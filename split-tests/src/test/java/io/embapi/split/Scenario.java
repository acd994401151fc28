package io.embapi.split;

import io.embapi.split.SplitDeploymentTest.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * A representative request for every controller route of both sides, in an order that makes each meaningful (the
 * user exists before its project, the project before its embeddings). Run against the split deployment through the
 * routing map and against the single-process app; {@code SplitDeploymentTest} checks that it covers every route.
 */
final class Scenario {

    /** Requests refused on purpose (unknown processor, no key, nothing to rotate or evict); every other one is 2xx. */
    static final List<String> REFUSED = List.of("/v1/admin/processors/nope/rebuild", "/v1/admin/processors/rebuild",
            "/dead-letters/user:nobody", "/v1/admin/encryption-key/rotate");

    private static final String MERGE = "application/merge-patch+json";

    private final List<Step> steps = new ArrayList<>();

    private Scenario() {
    }

    static List<Step> steps() {
        Scenario s = new Scenario();
        // manifest and documentation
        s.get("/", null);
        s.get("/v1", null);
        s.statusOnly("GET", "/openapi.yaml", null); // each side documents its own endpoints (ADR 0015)

        // users
        s.capture("PUT", "/v1/users/alice", "admin",
                "{\"user_handle\":\"alice\",\"name\":\"Alice Doe\",\"email\":\"alice@example.org\"}", "alice");
        s.capture("POST", "/v1/users", "admin",
                "{\"user_handle\":\"bob\",\"name\":\"Bob Roe\",\"email\":\"bob@example.org\"}", "bob");
        s.add("PATCH", "/v1/users/alice", "admin", "{\"name\":\"Alice Smith\"}", MERGE);
        s.get("/v1/users?limit=10", "admin");
        s.get("/v1/users/alice", "alice");
        s.capture("POST", "/v1/users/bob/keys/rotate", "bob", null, "bob");
        s.get("/v1/users/bob", "bob");

        // API standards
        s.add("PUT", "/v1/api-standards/std1", "admin", "{\"api_standard_handle\":\"std1\",\"description\":\"One\","
                + "\"key_method\":\"auth_bearer\",\"key_field\":\"Authorization\"}", null);
        s.add("POST", "/v1/api-standards", "admin", "{\"api_standard_handle\":\"std2\",\"description\":\"Two\","
                + "\"key_method\":\"auth_bearer\",\"key_field\":\"Authorization\"}", null);
        s.add("PATCH", "/v1/api-standards/std1", "admin", "{\"description\":\"One, changed\"}", MERGE);
        s.get("/v1/api-standards", null);
        s.get("/v1/api-standards/std1", null);

        // LLM definitions
        String definition = "\"endpoint\":\"https://api.openai.com/v1/embeddings\",\"description\":\"Def\","
                + "\"api_standard\":\"openai\",\"model\":\"text-embedding-3-small\",\"dimensions\":4,"
                + "\"context_limit\":8192,\"is_public\":false}";
        s.add("PUT", "/v1/llm-definitions/alice/def1", "alice", "{\"definition_handle\":\"def1\"," + definition, null);
        s.add("POST", "/v1/llm-definitions/alice", "alice", "{\"definition_handle\":\"def2\"," + definition, null);
        s.add("PATCH", "/v1/llm-definitions/alice/def1", "alice", "{\"description\":\"Def, changed\"}", MERGE);
        s.add("POST", "/v1/llm-definitions/alice/def1/share", "alice", "{\"share_with_handle\":\"bob\"}", null);
        s.get("/v1/llm-definitions/alice", "alice");
        s.get("/v1/llm-definitions/alice/def1", "bob");
        s.get("/v1/llm-definitions/alice/def1/shared-with", "alice");
        s.add("DELETE", "/v1/llm-definitions/alice/def1/share/bob", "alice", null, null);

        // LLM instances
        s.add("PUT", "/v1/llm-instances/alice/emb", "alice", "{\"instance_handle\":\"emb\",\"api_standard\":\"openai\","
                + "\"model\":\"text-embedding-3-small\",\"dimensions\":4,"
                + "\"endpoint\":\"https://api.openai.com/v1/embeddings\",\"api_key\":\"sk-split-test\"}", null);
        s.add("POST", "/v1/llm-instances/alice", "alice", "{\"instance_handle\":\"emb2\",\"api_standard\":\"openai\","
                + "\"model\":\"m\",\"dimensions\":4,\"endpoint\":\"https://example.org/v1/embeddings\"}", null);
        s.add("POST", "/v1/llm-instances/alice/from-definition", "alice", "{\"instance_handle\":\"large\","
                + "\"definition_owner\":\"_system\",\"definition_handle\":\"openai-large\"}", null);
        s.add("PATCH", "/v1/llm-instances/alice/emb2", "alice", "{\"description\":\"second\"}", MERGE);
        s.add("POST", "/v1/llm-instances/alice/emb/share", "alice", "{\"share_with_handle\":\"bob\",\"role\":\"reader\"}",
                null);
        s.get("/v1/llm-instances/alice", "alice");
        s.get("/v1/llm-instances/alice/emb", "alice");
        s.get("/v1/llm-instances/alice/emb/shared-with", "alice");
        s.add("DELETE", "/v1/llm-instances/alice/emb/share/bob", "alice", null, null);

        // projects
        s.add("PUT", "/v1/projects/alice/papers", "alice", "{\"project_handle\":\"papers\",\"description\":\"Papers\","
                + "\"instance_handle\":\"emb\"}", null);
        s.add("POST", "/v1/projects/alice", "alice", "{\"project_handle\":\"drafts\",\"instance_handle\":\"emb\"}", null);
        s.add("PATCH", "/v1/projects/alice/papers", "alice", "{\"description\":\"Papers, changed\"}", MERGE);
        s.add("POST", "/v1/projects/alice/papers/share", "alice",
                "{\"share_with_handle\":\"bob\",\"role\":\"reader\"}", null);
        s.get("/v1/projects/alice", "alice");
        s.get("/v1/projects/alice/papers", "bob");
        s.get("/v1/projects/alice/papers/shared-with", "alice");

        // embeddings and search
        StringBuilder batch = new StringBuilder("{\"embeddings\":[");
        for (int i = 1; i <= 5; i++) {
            batch.append(i == 1 ? "" : ",").append("{\"text_id\":\"doc").append(i)
                    .append("\",\"instance_handle\":\"emb\",\"text\":\"Text ").append(i).append("\",\"vector\":[")
                    .append(i).append(",1,0.5,").append(6 - i).append("],\"vector_dim\":4,\"metadata\":{\"n\":")
                    .append(i).append("}}");
        }
        s.add("POST", "/v1/embeddings/alice/papers", "alice", batch.append("]}").toString(), null);
        s.get("/v1/embeddings/alice/papers?limit=10", "bob");
        s.get("/v1/embeddings/alice/papers/doc1", "bob");
        s.get("/v1/similars/alice/papers/doc1?limit=3", "bob");
        s.add("POST", "/v1/similars/alice/papers?limit=3", "bob", "{\"vector\":[1,1,0.5,5]}", null);
        s.add("DELETE", "/v1/embeddings/alice/papers/doc5", "alice", null, null);

        // history
        s.get("/v1/users/alice/history?limit=50", "alice");
        s.get("/v1/projects/alice/papers/history", "alice");
        s.get("/v1/embeddings/alice/papers/doc1/history", "alice");

        // audit
        s.capture("POST", "/v1/admin/auditors", "admin", "{\"auditor_handle\":\"aud1\"}", "auditor");
        s.get("/v1/admin/auditors", "admin");
        s.statusOnly("GET", "/v1/audit/events?limit=5", "auditor"); // sealed personal data differs by nature
        s.statusOnly("GET", "/v1/audit/events/export?actor=alice", "auditor");
        s.statusOnly("GET", "/v1/admin/audit/verify", "admin"); // hashes cover times and request ids
        s.add("DELETE", "/v1/admin/auditors/aud1", "admin", null, null);

        // admin: command side
        s.get("/v1/admin/sanity-check", "admin");
        s.statusOnly("GET", "/v1/admin/doctor", "admin"); // each process checks its own settings (ADR 0014)
        s.get("/v1/admin/encryption-key", "admin");
        s.add("POST", "/v1/admin/encryption-key/rotate", "admin", null, null);

        // admin: query side (the processors listed differ: the single app also lists the command-side registries)
        s.get("/v1/admin/search-indexes", "admin");
        s.add("POST", "/v1/admin/search-indexes/reconcile", "admin", null, null);
        s.statusOnly("GET", "/v1/admin/processors", "admin");
        s.statusOnly("GET", "/v1/admin/processors/user-view", "admin");
        s.add("POST", "/v1/admin/processors/nope/rebuild", "admin", null, null);
        s.add("POST", "/v1/admin/processors/rebuild", null, null, null);
        s.get("/v1/admin/processors/user-view/dead-letters", "admin");
        s.add("POST", "/v1/admin/processors/user-view/dead-letters/retry", "admin", null, null);
        s.add("DELETE", "/v1/admin/processors/user-view/dead-letters/user:nobody", "admin", null, null);

        // deletions, transfer, forgetting
        s.add("DELETE", "/v1/embeddings/alice/papers", "alice", null, null);
        s.add("DELETE", "/v1/projects/alice/papers/share/bob", "alice", null, null);
        s.add("POST", "/v1/projects/alice/drafts/transfer-ownership", "alice", "{\"new_owner_handle\":\"bob\"}", null);
        s.get("/v1/projects/bob/drafts", "bob");
        s.add("DELETE", "/v1/projects/bob/drafts", "bob", null, null);
        s.add("DELETE", "/v1/llm-instances/alice/emb2", "alice", null, null);
        s.add("DELETE", "/v1/llm-definitions/alice/def2", "alice", null, null);
        s.add("DELETE", "/v1/api-standards/std2", "admin", null, null);
        s.add("POST", "/v1/admin/users/bob/forget", "admin", null, null);
        s.add("DELETE", "/v1/users/alice", "alice", null, null);
        s.get("/v1/users?limit=10", "admin");
        return s.steps;
    }

    private void get(String path, String who) {
        add("GET", path, who, null, null);
    }

    private void add(String method, String path, String who, String body, String contentType) {
        steps.add(new Step(method, path, who, body, contentType, false, null));
    }

    private void statusOnly(String method, String path, String who) {
        steps.add(new Step(method, path, who, null, null, true, null));
    }

    private void capture(String method, String path, String who, String body, String key) {
        steps.add(new Step(method, path, who, body, null, false, key));
    }
}
