package io.embapi.platform.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.catalina.util.NetMask;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The address of the client a request comes from, as the limits see it. The TCP peer, unless the peer is one of
 * {@code embapi.rate-limit.trusted-proxies}: then {@code X-Forwarded-For} is read from the right, skipping trusted
 * proxies, and the first address that is not one is the client (an address a client wrote at the left end of the
 * header itself is never reached while a trusted proxy appended the real one after it). Without trusted proxies the
 * header is ignored, so nobody can pick the address their failures are counted against.
 *
 * <p>Our own resolver rather than Spring's forward-headers support: Tomcat's {@code RemoteIpValve} trusts every
 * private-range peer by default and is configured with a regular expression; here it is a list of CIDR ranges, and
 * only the limits depend on it (ADR 0013).
 */
@Component
public class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<NetMask> trusted;

    @Autowired
    ClientAddresses(RateLimitSettings settings) {
        this(settings.trustedProxies());
    }

    /** Resolves behind {@code trustedProxies} (addresses or CIDR ranges). */
    public ClientAddresses(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(String::trim).filter(entry -> !entry.isEmpty())
                .map(ClientAddresses::mask).toList();
    }

    private static NetMask mask(String entry) {
        try {
            return new NetMask(entry);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("embapi.rate-limit.trusted-proxies: not an address or CIDR range: "
                    + entry, e);
        }
    }

    /** The client's address (textual, as Tomcat reports peers). */
    public String of(HttpServletRequest request) {
        String client = request.getRemoteAddr();
        if (trusted.isEmpty() || !isTrusted(client)) {
            return client;
        }
        List<String> hops = Collections.list(request.getHeaders(FORWARDED_FOR)).stream()
                .flatMap(header -> Arrays.stream(header.split(","))).map(String::trim)
                .filter(hop -> !hop.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!isAddress(hop)) {
                // A malformed entry: whatever lies left of it is unverifiable; the last trusted hop is the client.
                return client;
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        InetAddress inet = literal(address);
        return inet != null && trusted.stream().anyMatch(mask -> mask.matches(inet));
    }

    private static boolean isAddress(String text) {
        return literal(text) != null;
    }

    /** Parses an IP literal without ever resolving a name (a hostname in the header is not an address). */
    private static InetAddress literal(String text) {
        if (text.length() > 45 || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
