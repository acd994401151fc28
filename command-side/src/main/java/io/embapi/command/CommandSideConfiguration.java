package io.embapi.command;

import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The write model. Command-side lookup tables are maintained by subscribing processors, inside the transaction
 * that appends the events, so set rules (unique e-mail) and authentication see every committed change at once.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class CommandSideConfiguration {

    public static final String USER_REGISTRY = "user-registry";
    public static final String PROJECT_REGISTRY = "project-registry";
    public static final String API_STANDARD_REGISTRY = "api-standard-registry";
    public static final String DEFINITION_REGISTRY = "definition-registry";
    public static final String INSTANCE_REGISTRY = "instance-registry";
    public static final String EMBEDDING_REGISTRY = "embedding-registry";
    public static final String AUDITOR_REGISTRY = "auditor-registry";

    @Autowired
    void lookupTablesInTheCommandTransaction(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(USER_REGISTRY)
                .registerSubscribingEventProcessor(PROJECT_REGISTRY)
                .registerSubscribingEventProcessor(API_STANDARD_REGISTRY)
                .registerSubscribingEventProcessor(DEFINITION_REGISTRY)
                .registerSubscribingEventProcessor(INSTANCE_REGISTRY)
                .registerSubscribingEventProcessor(EMBEDDING_REGISTRY)
                .registerSubscribingEventProcessor(AUDITOR_REGISTRY);
    }
}
