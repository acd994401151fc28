package io.embapi.query;

import io.embapi.platform.axon.EventProcessingDefaults;
import io.embapi.platform.processing.ProcessingSettings;
import io.embapi.query.similar.SearchSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The read model. Every projection runs in its own tracking processor (replayable from the event store, position
 * kept in {@code tokenentry}) with a JDBC dead-letter queue, so a failing event is parked, never skipped.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableConfigurationProperties(SearchSettings.class)
public class QuerySideConfiguration {

    public static final String USER_VIEW = "user-view";
    public static final String PROJECT_VIEW = "project-view";
    public static final String API_STANDARD_VIEW = "api-standard-view";
    public static final String DEFINITION_VIEW = "definition-view";
    public static final String INSTANCE_VIEW = "instance-view";
    public static final String EMBEDDING_VIEW = "embedding-view";
    public static final String AUDIT_RESOURCES = "audit-resources";
    public static final String HISTORY_INDEX = "history-index";

    @Autowired
    void projections(EventProcessingConfigurer processing, ProcessingSettings settings,
                     ObjectProvider<MeterRegistry> meters) {
        for (String projection : new String[] {USER_VIEW, PROJECT_VIEW, API_STANDARD_VIEW, DEFINITION_VIEW,
                INSTANCE_VIEW, EMBEDDING_VIEW, AUDIT_RESOURCES, HISTORY_INDEX}) {
            EventProcessingDefaults.tracking(processing, projection, settings, meters::getObject);
            EventProcessingDefaults.deadLettering(processing, projection);
        }
    }
}
