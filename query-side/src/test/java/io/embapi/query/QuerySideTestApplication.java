package io.embapi.query;

import io.embapi.platform.PlatformConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The query side alone, as its projection tests run it: events go into the store, rows come out. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({PlatformConfiguration.class, QuerySideConfiguration.class})
public class QuerySideTestApplication {
}
