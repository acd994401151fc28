package io.embapi.app.conformance;

import io.embapi.app.ApiTestSupport.Response;
import io.embapi.app.ApiTestSupport.User;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The resources both conformance suites run against, created once through the API: an owner with a private and
 * a public project (LLM instance of 3 dimensions, two embeddings each), shared with a reader and an editor; the
 * instance and a definition shared with the same two; a user with no rights anywhere (the "other user"); a
 * bystander the write routes may share with; an API standard and an auditor.
 *
 * @param owner     owns every resource below
 * @param reader    reader of both projects and the instance, shared user of the definition
 * @param editor    editor of both projects and the instance, shared user of the definition
 * @param stranger  a valid user with no rights on the owner's resources
 * @param bystander a user the writes share with or transfer to (never one of the identities)
 * @param auditor   the auditor's handle
 * @param auditorKey the auditor's key
 * @param standard  an API standard the admin routes may change
 */
record World(User owner, User reader, User editor, User stranger, User bystander, String auditor,
             String auditorKey, String standard) {

    static final String PROJECT = "proj1";
    static final String PUBLIC_PROJECT = "pub1";
    static final String INSTANCE = "inst1";
    static final String DEFINITION = "def1";
    static final String DOC = "doc-1";
    static final String ITEM = "{\"text_id\":\"%s\",\"instance_handle\":\"" + INSTANCE + "\",\"text\":\"t\","
            + "\"vector\":[%s],\"vector_dim\":3,\"metadata\":{\"lang\":\"%s\"}}";

    /** The API calls the fixture needs: {@code (method, path, token, body) -> response}. */
    interface Api {
        Response call(String method, String path, String token, String body);
    }

    static World create(Api api, Function<String, User> newUser, Function<String, String> unique, String adminKey) {
        User owner = newUser.apply("cfo");
        User reader = newUser.apply("cfr");
        User editor = newUser.apply("cfe");
        User stranger = newUser.apply("cfs");
        User bystander = newUser.apply("cfb");
        String o = owner.handle();
        expect(api.call("PUT", "/v1/llm-instances/" + o + "/" + INSTANCE, owner.key(),
                "{\"instance_handle\":\"" + INSTANCE + "\",\"api_standard\":\"openai\",\"dimensions\":3}"), 201);
        for (String role : new String[] {"reader", "editor"}) {
            User member = role.equals("reader") ? reader : editor;
            expect(api.call("POST", "/v1/llm-instances/" + o + "/" + INSTANCE + "/share", owner.key(),
                    "{\"share_with_handle\":\"" + member.handle() + "\",\"role\":\"" + role + "\"}"), 201);
        }
        for (String project : new String[] {PROJECT, PUBLIC_PROJECT}) {
            expect(api.call("PUT", "/v1/projects/" + o + "/" + project, owner.key(), projectBody(project,
                    project.equals(PUBLIC_PROJECT), reader, editor)), 201);
            expect(api.call("POST", "/v1/embeddings/" + o + "/" + project, owner.key(), "{\"embeddings\":["
                    + ITEM.formatted(DOC, "0.1,0.2,0.3", "de") + "," + ITEM.formatted("doc-2", "0.3,0.2,0.1", "en")
                    + "]}"), 201);
        }
        expect(api.call("PUT", "/v1/llm-definitions/" + o + "/" + DEFINITION, owner.key(), definitionBody()), 201);
        for (User member : new User[] {reader, editor}) {
            expect(api.call("POST", "/v1/llm-definitions/" + o + "/" + DEFINITION + "/share", owner.key(),
                    "{\"share_with_handle\":\"" + member.handle() + "\"}"), 201);
        }
        String standard = unique.apply("cfstd");
        expect(api.call("PUT", "/v1/api-standards/" + standard, adminKey, standardBody(standard)), 201);
        String auditor = unique.apply("cfaud");
        Response granted = expect(api.call("POST", "/v1/admin/auditors", adminKey,
                "{\"auditor_handle\":\"" + auditor + "\"}"), 201);
        return new World(owner, reader, editor, stranger, bystander, auditor,
                granted.json().get("auditor_key").stringValue(), standard);
    }

    static String projectBody(String project, boolean publicRead, User reader, User editor) {
        return "{\"project_handle\":\"" + project + "\",\"description\":\"conformance\",\"instance_handle\":\""
                + INSTANCE + "\",\"public_read\":" + publicRead + ",\"shared_with\":[{\"user_handle\":\""
                + reader.handle() + "\",\"role\":\"reader\"},{\"user_handle\":\"" + editor.handle()
                + "\",\"role\":\"editor\"}]}";
    }

    String projectBody(String project, boolean publicRead) {
        return projectBody(project, publicRead, reader, editor);
    }

    static String definitionBody() {
        return definitionBody(DEFINITION);
    }

    static String definitionBody(String handle) {
        return "{\"definition_handle\":\"" + handle + "\",\"api_standard\":\"openai\",\"model\":\"m\","
                + "\"dimensions\":3}";
    }

    static String instanceBody(String handle) {
        return "{\"instance_handle\":\"" + handle + "\",\"api_standard\":\"openai\",\"dimensions\":3}";
    }

    static String standardBody(String handle) {
        return "{\"api_standard_handle\":\"" + handle + "\",\"description\":\"conformance\","
                + "\"key_method\":\"auth_bearer\",\"key_field\":\"Authorization\"}";
    }

    static String userBody(User user) {
        return "{\"user_handle\":\"" + user.handle() + "\",\"name\":\"" + user.handle() + " Doe\",\"email\":\""
                + user.handle() + "@example.org\"}";
    }

    /** Values for the path variables of every route, on the owner's resources. */
    Map<String, String> pathValues(String project) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("user_handle", owner.handle());
        values.put("project_handle", project);
        values.put("instance_handle", INSTANCE);
        values.put("definition_handle", DEFINITION);
        values.put("api_standard_handle", standard);
        values.put("text_id", DOC);
        values.put("unshare_with_handle", reader.handle());
        values.put("auditor_handle", auditor);
        values.put("processor", "api-standard-view");
        values.put("sequence", "no-such-sequence");
        return values;
    }

    static Response expect(Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("fixture call answered " + response.status() + ": " + response.body());
        }
        return response;
    }
}
