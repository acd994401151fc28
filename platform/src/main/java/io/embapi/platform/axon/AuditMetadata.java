package io.embapi.platform.axon;

import io.embapi.platform.security.Caller;
import io.embapi.platform.web.RequestIdFilter;
import io.embapi.shared.metadata.MetadataKeys;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Every command carries who sent it and in which request; every event applied while handling it inherits that
 * metadata. The actor is a handle, {@code admin} or {@code system} — never a key or header value.
 */
@Configuration(proxyBeanMethods = false)
public class AuditMetadata {

    @Bean
    static CorrelationDataProvider auditCorrelation() {
        return new SimpleCorrelationDataProvider(MetadataKeys.AUDIT_KEYS.toArray(String[]::new));
    }

    @Bean
    static CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    @Bean
    static SmartInitializingSingleton actorOnEveryCommand(CommandBus commandBus) {
        return () -> commandBus.registerDispatchInterceptor(new ActorInterceptor());
    }

    static Map<String, String> currentActor() {
        Map<String, String> metadata = new HashMap<>();
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            Caller caller = (Caller) request.getAttribute(Caller.REQUEST_ATTRIBUTE);
            Caller who = caller == null ? Caller.anonymous() : caller;
            metadata.put(MetadataKeys.ACTOR, who.handle());
            metadata.put(MetadataKeys.ACTOR_TYPE, who.kind().name().toLowerCase());
            metadata.put(MetadataKeys.REQUEST_ID, RequestIdFilter.current(request));
        } else {
            metadata.put(MetadataKeys.ACTOR, "system");
            metadata.put(MetadataKeys.ACTOR_TYPE, "system");
        }
        return metadata;
    }

    private static final class ActorInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

        @Override
        public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                List<? extends CommandMessage<?>> messages) {
            return (index, command) -> command.getMetaData().containsKey(MetadataKeys.ACTOR)
                    ? command
                    : command.andMetaData(currentActor());
        }
    }
}
