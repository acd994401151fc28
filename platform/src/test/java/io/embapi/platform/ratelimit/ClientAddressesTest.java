package io.embapi.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Who the client is behind (and without) trusted proxies, and which endpoint class a request is. */
class ClientAddressesTest {

    private static MockHttpServletRequest from(String peer, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/users");
        request.setRemoteAddr(peer);
        for (String header : forwardedFor) {
            request.addHeader("X-Forwarded-For", header);
        }
        return request;
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddresses addresses = new ClientAddresses(List.of());
        assertThat(addresses.of(from("127.0.0.1", "203.0.113.1"))).isEqualTo("127.0.0.1");
    }

    @Test
    void anUntrustedPeerCannotNameAnotherClient() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"));
        assertThat(addresses.of(from("198.51.100.9", "203.0.113.1"))).isEqualTo("198.51.100.9");
    }

    @Test
    void behindTrustedProxiesTheRightmostUntrustedHopIsTheClient() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "::1"));
        assertThat(addresses.of(from("10.0.0.2", "203.0.113.1"))).isEqualTo("203.0.113.1");
        // A forged left-most entry is never reached: the proxy appended the real peer after it.
        assertThat(addresses.of(from("10.0.0.2", "1.2.3.4, 203.0.113.1"))).isEqualTo("203.0.113.1");
        // Two proxies in a row, over two header lines.
        assertThat(addresses.of(from("10.0.0.2", "1.2.3.4, 203.0.113.1", "10.0.0.7"))).isEqualTo("203.0.113.1");
        assertThat(addresses.of(from("0:0:0:0:0:0:0:1", "2001:db8::5"))).isEqualTo("2001:db8::5");
    }

    @Test
    void garbageAndNamesInTheHeaderStopTheWalk() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"));
        assertThat(addresses.of(from("10.0.0.2", "203.0.113.1, evil.example"))).isEqualTo("10.0.0.2");
        assertThat(addresses.of(from("10.0.0.2", "face"))).isEqualTo("10.0.0.2");
        assertThat(addresses.of(from("10.0.0.2"))).isEqualTo("10.0.0.2");
        // Only proxies all the way: the left-most one is the client.
        assertThat(addresses.of(from("10.0.0.2", "10.1.1.1"))).isEqualTo("10.1.1.1");
    }

    @Test
    void aMisconfiguredProxyListFailsAtStartUp() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.example")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trusted-proxies");
    }

    @Test
    void endpointClassesFollowRouteAndMethod() {
        assertThat(EndpointClass.of("GET", "/v1/admin/processors")).isEqualTo(EndpointClass.ADMIN);
        assertThat(EndpointClass.of("GET", "/v1/audit/events")).isEqualTo(EndpointClass.ADMIN);
        assertThat(EndpointClass.of("GET", "/v1/similars/{user_handle}/{project_handle}/{text_id}"))
                .isEqualTo(EndpointClass.SEARCH);
        assertThat(EndpointClass.of("POST", "/v1/similars/{user_handle}/{project_handle}"))
                .isEqualTo(EndpointClass.SEARCH);
        assertThat(EndpointClass.of("POST", "/v1/embeddings/{user_handle}/{project_handle}"))
                .isEqualTo(EndpointClass.INGEST);
        assertThat(EndpointClass.of("DELETE", "/v1/embeddings/{user_handle}/{project_handle}"))
                .isEqualTo(EndpointClass.WRITE);
        assertThat(EndpointClass.of("GET", "/v1/embeddings/{user_handle}/{project_handle}"))
                .isEqualTo(EndpointClass.READ);
        assertThat(EndpointClass.of("PUT", "/v1/users/{user_handle}")).isEqualTo(EndpointClass.WRITE);
    }
}
