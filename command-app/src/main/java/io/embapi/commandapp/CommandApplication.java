package io.embapi.commandapp;

import io.embapi.command.CommandSideConfiguration;
import io.embapi.platform.PlatformConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The command side as a deployable of its own (split deployment, ADR 0015): the write endpoints, the aggregates, the
 * lookup tables written in the command's transaction, the seeds and the audit chain. It runs no projection; a write
 * waits for the query side's projections through their stored tokens ({@code application-command.yml}). A reverse
 * proxy sends it the requests {@code ops/nginx/routes.conf} routes to {@code embapi_command}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({PlatformConfiguration.class, CommandSideConfiguration.class})
public class CommandApplication {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication application = new SpringApplication(CommandApplication.class);
        application.setAdditionalProfiles("command");
        application.run(args);
    }
}
