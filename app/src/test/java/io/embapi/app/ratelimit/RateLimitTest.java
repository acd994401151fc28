package io.embapi.app.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.app.ApiTestSupport;
import io.embapi.app.ProblemAssertions;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The application rate limits against the real server, with small limits: per-credential buckets per endpoint
 * class with the IETF headers on every answer, 429 problem+json with {@code Retry-After} over the limit, anonymous
 * callers bucketed by client address, and failed-authentication throttling per address, which refuses even a valid
 * key. The peer (127.0.0.1) is a trusted proxy here, so {@code X-Forwarded-For} names the client.
 */
@TestPropertySource(properties = {
        "embapi.rate-limit.enabled=true",
        "embapi.rate-limit.trusted-proxies=127.0.0.1/32, ::1",
        "embapi.rate-limit.classes.read.capacity=3",
        "embapi.rate-limit.classes.read.refill=3",
        "embapi.rate-limit.classes.read.period=1h",
        "embapi.rate-limit.classes.write.capacity=10000",
        "embapi.rate-limit.classes.write.refill=10000",
        "embapi.rate-limit.classes.search.capacity=2",
        "embapi.rate-limit.classes.search.refill=2",
        "embapi.rate-limit.classes.search.period=1h",
        "embapi.rate-limit.auth-failures.max=3",
        "embapi.rate-limit.auth-failures.window=1h"
})
class RateLimitTest extends ApiTestSupport {

    @Test
    void aCredentialGetsItsCapacityWithHeadersThen429WithRetryAfter() {
        User alice = newUser("rl-alice");
        for (int remaining = 2; remaining >= 0; remaining--) {
            Response ok = call("GET", "/v1/users/" + alice.handle(), alice.key(), null);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("RateLimit-Limit")).isEqualTo("3");
            assertThat(ok.header("RateLimit-Remaining")).isEqualTo(Integer.toString(remaining));
            // 3 tokens refill over an hour: the bucket is full again within 20 minutes per missing token.
            assertThat(Long.parseLong(ok.header("RateLimit-Reset"))).isBetween(1L, 3600L);
        }
        Response refused = call("GET", "/v1/users/" + alice.handle(), alice.key(), null);
        tooMany(refused);
        assertThat(refused.json().get("detail").stringValue()).contains("read");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 1200L);
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("3");
        assertThat(refused.body()).doesNotContain(alice.key());

        // Other credentials and other classes have buckets of their own.
        User bob = newUser("rl-bob");
        assertThat(call("GET", "/v1/users/" + bob.handle(), bob.key(), null).status()).isEqualTo(200);
        assertThat(call("GET", "/v1/users/" + alice.handle(), ADMIN_KEY, null).status()).isEqualTo(200);
        Response write = call("PUT", "/v1/projects/" + alice.handle() + "/prj1", alice.key(),
                "{\"project_handle\":\"prj1\"}");
        assertThat(write.status()).isEqualTo(201);
        assertThat(write.header("RateLimit-Limit")).isEqualTo("10000");
    }

    @Test
    void searchHasItsOwnSmallerBucket() {
        User carol = newUser("rl-carol");
        call("PUT", "/v1/projects/" + carol.handle() + "/prj", carol.key(), "{\"project_handle\":\"prj\"}");
        String similars = "/v1/similars/" + carol.handle() + "/prj/doc1";
        assertThat(call("GET", similars, carol.key(), null).header("RateLimit-Limit")).isEqualTo("2");
        call("GET", similars, carol.key(), null);
        tooMany(call("GET", similars, carol.key(), null));
        // Reads of the same credential are not touched by the search bucket.
        assertThat(call("GET", "/v1/users/" + carol.handle(), carol.key(), null).status()).isEqualTo(200);
    }

    @Test
    void anonymousCallersAreBucketedByClientAddress() {
        for (int i = 0; i < 3; i++) {
            assertThat(from("198.51.100.1", "/v1", null).status()).isEqualTo(200);
        }
        Response refused = from("198.51.100.1", "/v1", null);
        tooMany(refused);
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(from("198.51.100.2", "/v1", null).status()).isEqualTo(200);
    }

    @Test
    void anAddressThatFailedAuthenticationTooOftenIsRefusedBeforeItsKeyIsChecked() {
        User dave = newUser("rl-dave");
        String own = "/v1/users/" + dave.handle();
        String attacker = "203.0.113.7";
        for (int i = 0; i < 3; i++) {
            assertThat(from(attacker, own, "not-a-key-" + i).status()).isEqualTo(401);
        }
        Response blocked = from(attacker, own, dave.key());
        tooMany(blocked);
        assertThat(blocked.json().get("detail").stringValue()).contains("failed authentications");
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 1200L);
        // The same key from another address works: only the address is throttled.
        assertThat(from("203.0.113.8", own, dave.key()).status()).isEqualTo(200);
    }

    @Test
    void xForwardedForIsReadFromTheRightSoAClientCannotPickItsAddress() {
        User erin = newUser("rl-erin");
        String own = "/v1/users/" + erin.handle();
        String real = "192.0.2.55";
        for (int i = 0; i < 3; i++) {
            // The client forged a left-most entry; the trusted proxy appended the real address.
            assertThat(from("10.9.9." + i + ", " + real, own, "bad-key").status()).isEqualTo(401);
        }
        tooMany(from("10.9.9.99, " + real, own, erin.key()));
        assertThat(from("10.9.9.0", own, erin.key()).status()).isEqualTo(200);
    }

    private static void tooMany(Response response) {
        ProblemAssertions.assertProblemShape(response, 429, "Too Many Requests");
        assertThat(response.header("Retry-After")).as("Retry-After of %s", response).isNotNull();
    }

    private Response from(String forwardedFor, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET()
                .header("X-Forwarded-For", forwardedFor);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return exchange(request.build());
    }
}
