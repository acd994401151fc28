package io.embapi.platform.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.embapi.shared.definition.DefinitionSpecUpcaster;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Every message, event, token and snapshot is JSON, for every deployable (XStream is banned from the build).
 * Unknown properties are ignored on read, so an older node can read an event that gained an optional field.
 * An event whose shape changes gets a new {@code @Revision} and an upcaster (in shared-kernel, next to the event)
 * declared here; the event store's upcaster chain ({@link AxonJdbcConfiguration}) applies them in bean order.
 */
@Configuration(proxyBeanMethods = false)
public class JacksonSerializers {

    static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(objectMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(objectMapper()).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(objectMapper()).build();
    }

    /** Revision 1 → 2 of the definition events: an unknown vector size is null, no longer 0. */
    @Bean
    EventUpcaster definitionSpecUpcaster() {
        return new DefinitionSpecUpcaster();
    }
}
