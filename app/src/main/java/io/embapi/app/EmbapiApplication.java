package io.embapi.app;

import io.embapi.app.admin.DatabaseReset;
import io.embapi.app.admin.ResetController;
import io.embapi.command.CommandSideConfiguration;
import io.embapi.platform.PlatformConfiguration;
import io.embapi.query.QuerySideConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The default deployment: the command side and the query side in one JVM, sharing one PostgreSQL. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({PlatformConfiguration.class, CommandSideConfiguration.class, QuerySideConfiguration.class,
        ResetController.class, DatabaseReset.class})
public class EmbapiApplication {

    public static void main(String[] args) {
        // No calls home and no vendor banner from a production service.
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(EmbapiApplication.class, args);
    }
}
