package io.embapi.app.http.apistandard;

import static io.embapi.app.ProblemAssertions.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Public reads of API standards (spec §3.5, §4.8, §7.2 items 4 and 5): the seeded built-ins with their exact
 * descriptions, the list ordered by handle with {@code limit}/{@code offset}, and the single standard.
 */
class ApiStandardReadTest extends ApiStandardTestSupport {

    // ---- seeded standards --------------------------------------------------------------------------------------

    @Test
    void openAiIsSeededWithTheReferenceDescription() {
        assertStandard("openai", OPENAI_DESCRIPTION, "auth_bearer", "Authorization");
    }

    @Test
    void cohereIsSeededWithTheReferenceDescription() {
        assertStandard("cohere", COHERE_DESCRIPTION, "auth_bearer", "Authorization");
    }

    @Test
    void geminiIsSeededWithTheReferenceDescriptionAndItsOwnKeyHeader() {
        assertStandard("gemini", GEMINI_DESCRIPTION, "auth_bearer", "x-goog-api-key");
    }

    @Test
    void theSeededStandardsAreListedOrderedByHandleWithTheirContent() {
        List<JsonNode> seeded = allStandards().stream()
                .filter(s -> List.of("openai", "cohere", "gemini").contains(s.get("api_standard_handle").stringValue()))
                .toList();

        assertThat(seeded).containsExactly(
                json(body("cohere", COHERE_DESCRIPTION, "auth_bearer", "Authorization")),
                json(body("gemini", GEMINI_DESCRIPTION, "auth_bearer", "x-goog-api-key")),
                json(body("openai", OPENAI_DESCRIPTION, "auth_bearer", "Authorization")));
    }

    @Test
    void eachSeededStandardHasItsOwnStream() {
        for (String handle : List.of("openai", "cohere", "gemini")) {
            List<StoredEvent> events = events(handle);
            assertThat(events).as("stream of %s", handle).isNotEmpty();
            assertThat(events.get(0).type()).isEqualTo(SAVED);
            assertThat(events.get(0).sequence()).isZero();
        }
    }

    // ---- single standard ---------------------------------------------------------------------------------------

    @Test
    void getNeedsNoAuthenticationAndAnswersExactlyTheFourFields() {
        String handle = createNew("std", "A standard to read");

        Response response = get(handle);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json()).isEqualTo(json(body(handle, "A standard to read", "auth_bearer", "Authorization")));
        assertThat(names(response.json()))
                .containsExactlyInAnyOrder("api_standard_handle", "description", "key_method", "key_field");
    }

    @Test
    void getWorksWithAnyKeyToo() {
        String handle = createNew("std", "Readable by everyone");
        String userKey = createUser(unique("alice"));

        assertThat(call("GET", path(handle), ADMIN_KEY, null).json())
                .isEqualTo(json(body(handle, "Readable by everyone", "auth_bearer", "Authorization")));
        assertThat(call("GET", path(handle), userKey, null).json())
                .isEqualTo(json(body(handle, "Readable by everyone", "auth_bearer", "Authorization")));
    }

    @Test
    void theReferenceTestStandardReadsBackAsCreated() {
        String handle = unique("test");
        assertSaved(put(handle, ADMIN_KEY, openAiLike(handle)), handle);

        assertThat(get(handle).json()).isEqualTo(json(object("api_standard_handle", handle,
                "description", "OpenAI Embeddings API, Version 1, as documented in "
                        + "https://platform.openai.com/docs/api-reference/embeddings",
                "key_method", "auth_bearer", "key_field", "Authorization")));
    }

    @Test
    void anUnknownStandardIsNotFound() {
        String handle = unique("nosuch");

        assertStandardNotFound(get(handle), handle);
        assertStandardNotFound(call("GET", path("wrongpath"), ADMIN_KEY, null), "wrongpath");
    }

    // ---- list ----------------------------------------------------------------------------------------------

    @Test
    void theListNeedsNoAuthenticationAndHasTheReferenceShape() {
        Response response = call("GET", "/v1/api-standards", null, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(names(response.json())).containsExactly("api_standards");
        assertThat(response.json().get("api_standards").isArray()).isTrue();
        for (JsonNode standard : response.json().get("api_standards")) {
            assertThat(names(standard))
                    .containsExactlyInAnyOrder("api_standard_handle", "description", "key_method", "key_field");
        }
    }

    @Test
    void theListContainsACreatedStandardWithItsContent() {
        String handle = unique("listed");
        create(handle, "Listed standard", "custom_header", "X-Api-Key");

        assertThat(allStandards()).contains(json(body(handle, "Listed standard", "custom_header", "X-Api-Key")));
    }

    @Test
    void theListIsOrderedByHandle() {
        String base = unique("ord");
        create(base + "c", "third", "auth_bearer", "Authorization");
        create(base + "a", "first", "auth_bearer", "Authorization");
        create(base + "b", "second", "auth_bearer", "Authorization");

        List<String> ours = allHandles().stream().filter(h -> h.startsWith(base)).toList();

        assertThat(ours).containsExactly(base + "a", base + "b", base + "c");
        List<String> builtIn = allHandles().stream().filter(h -> List.of("openai", "cohere", "gemini").contains(h))
                .toList();
        assertThat(builtIn).containsExactly("cohere", "gemini", "openai");
    }

    @Test
    void theDefaultPageHoldsAtMostTwentyStandards() {
        for (int i = 0; i < 21; i++) {
            createNew("many", "Standard number " + i);
        }
        List<String> all = allHandles();

        Response response = call("GET", "/v1/api-standards", null, null);

        assertThat(all.size()).isGreaterThan(20);
        assertThat(handlesOf(response)).containsExactlyElementsOf(all.subList(0, 20));
    }

    @Test
    void limitAndOffsetSelectAWindowOfTheOrderedList() {
        createNew("win", "one");
        createNew("win", "two");
        createNew("win", "three");
        List<String> all = allHandles();

        Response first = call("GET", "/v1/api-standards?limit=2", null, null);
        Response window = call("GET", "/v1/api-standards?limit=2&offset=1", null, null);
        Response last = call("GET", "/v1/api-standards?limit=5&offset=" + (all.size() - 1), null, null);
        Response beyond = call("GET", "/v1/api-standards?offset=" + (all.size() + 10), null, null);

        assertThat(handlesOf(first)).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(handlesOf(window)).containsExactlyElementsOf(all.subList(1, 3));
        assertThat(handlesOf(last)).containsExactly(all.get(all.size() - 1));
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(handlesOf(beyond)).isEmpty();
    }

    @Test
    void theLimitMayBeAsLargeAsTwoHundred() {
        Response response = call("GET", "/v1/api-standards?limit=200", null, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("api_standards").size()).isLessThanOrEqualTo(200);
    }

    @Test
    void aLimitBelowOneIsRejected() {
        Response response = call("GET", "/v1/api-standards?limit=0", null, null);

        assertValidationFailed(response);
        assertThat(errorMessages(response)).containsExactly("expected number >= 1 @ query.limit");
    }

    @Test
    void aLimitAboveTwoHundredIsRejected() {
        Response response = call("GET", "/v1/api-standards?limit=201", null, null);

        assertValidationFailed(response);
        assertThat(errorMessages(response)).containsExactly("expected number <= 200 @ query.limit");
    }

    @Test
    void aNegativeOffsetIsRejected() {
        Response response = call("GET", "/v1/api-standards?offset=-1", null, null);

        assertValidationFailed(response);
        assertThat(errorMessages(response)).containsExactly("expected number >= 0 @ query.offset");
    }
}
