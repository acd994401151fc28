package io.embapi.queryapp;

import io.embapi.platform.PlatformConfiguration;
import io.embapi.query.QuerySideConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The query side as a deployable of its own (split deployment, ADR 0015): the read endpoints, search and the
 * tracking projections. Several may run against one database: they share each projection's segments through token
 * claims ({@code application-query.yml}, {@code platform.processing.SegmentBalancer}). A reverse proxy sends it the
 * requests {@code ops/nginx/routes.conf} routes to {@code embapi_query}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({PlatformConfiguration.class, QuerySideConfiguration.class})
public class QueryApplication {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication application = new SpringApplication(QueryApplication.class);
        application.setAdditionalProfiles("query");
        application.run(args);
    }
}
