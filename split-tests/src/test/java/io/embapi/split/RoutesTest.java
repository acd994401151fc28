package io.embapi.split;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.split.ControllerRoutes.Route;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ops/nginx/routes.conf} against the controllers: every route of a command-side controller goes to
 * {@code embapi_command}, every route of a query-side controller to {@code embapi_query}, and the platform's
 * processor operations to the query side (where the projections run). A new controller route that the map sends
 * to the wrong side fails here.
 */
class RoutesTest {

    static final Path ROUTES = Path.of("..", "ops", "nginx", "routes.conf").toAbsolutePath().normalize();

    @Test
    void everyControllerRouteGoesToTheSideThatServesIt() throws Exception {
        RoutingMap map = RoutingMap.read(ROUTES);
        List<Route> command = ControllerRoutes.in("io.embapi.command");
        List<Route> query = ControllerRoutes.in("io.embapi.query");
        assertThat(command).hasSizeGreaterThan(30);
        assertThat(query).hasSizeGreaterThan(20);

        List<String> wrong = new ArrayList<>();
        for (Route route : command) {
            check(map, route, "embapi_command", wrong);
        }
        for (Route route : query) {
            check(map, route, "embapi_query", wrong);
        }
        for (Route route : ControllerRoutes.in("io.embapi.platform.processing")) {
            check(map, route, "embapi_query", wrong);
        }
        assertThat(wrong).as("routes the map sends to the wrong side").isEmpty();
    }

    @Test
    void platformRoutesGoToASideThatServesThem() throws Exception {
        RoutingMap map = RoutingMap.read(ROUTES);
        List<Route> platform = ControllerRoutes.in("io.embapi.platform");
        assertThat(platform).extracting(Route::template).contains("/v1/admin/audit/verify", "/v1/admin/processors");
        for (Route route : platform) {
            assertThat(map.upstream(route.method(), route.samplePath())).as("%s", route)
                    .isIn("embapi_command", "embapi_query");
        }
    }

    @Test
    void theRouterReadsTheMapAsNginxDoes() throws Exception {
        RoutingMap map = RoutingMap.read(ROUTES);
        assertThat(map.upstream("GET", "/v1/users/alice")).isEqualTo("embapi_query");
        assertThat(map.upstream("HEAD", "/v1/users/alice")).isEqualTo("embapi_query");
        assertThat(map.upstream("PUT", "/v1/users/alice")).isEqualTo("embapi_command");
        assertThat(map.upstream("POST", "/v1/similars/alice/papers")).isEqualTo("embapi_query");
        assertThat(map.upstream("GET", "/v1/admin/sanity-check")).isEqualTo("embapi_command");
        assertThat(map.upstream("GET", "/v1/admin/sanity-check/more")).isEqualTo("embapi_query");
        assertThat(map.upstream("POST", "/v1/admin/processors/user-view/rebuild")).isEqualTo("embapi_query");
    }

    /** Debian's nginx accepts the file inside a server block (skipped where nginx is not installed). */
    @Test
    void nginxAcceptsTheMap() throws Exception {
        Path nginx = Path.of("/usr/sbin/nginx");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(nginx), "nginx is not installed");
        Path dir = Files.createTempDirectory("routes-nginx");
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, """
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events {}
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream embapi_command { server 127.0.0.1:1; }
                    upstream embapi_query { server 127.0.0.1:2; }
                    server {
                        listen 127.0.0.1:18999;
                        include %2$s;
                    }
                }
                """.formatted(dir, ROUTES));
        Process check = new ProcessBuilder(nginx.toString(), "-t", "-q", "-p", dir.toString(), "-c", conf.toString())
                .redirectErrorStream(true).start();
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.exitValue()).as(output).isZero();
    }

    private static void check(RoutingMap map, Route route, String side, List<String> wrong) {
        String upstream = map.upstream(route.method(), route.samplePath());
        if (!upstream.equals(side)) {
            wrong.add(route + " -> " + upstream + " (served by " + side + ")");
        }
    }
}
