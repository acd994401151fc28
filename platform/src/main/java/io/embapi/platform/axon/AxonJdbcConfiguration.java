package io.embapi.platform.axon;

import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon's JDBC engines, declared by hand: on Spring Boot 4 Axon's own JDBC auto-configuration backs off because
 * its ordering names Boot 3 classes. Flyway owns the tables ({@code V1__axon_event_store.sql}); nothing here
 * creates schema.
 */
@Configuration(proxyBeanMethods = false)
public class AxonJdbcConfiguration {

    /** Units of work run inside Spring transactions, so projections and lookup tables commit with the events. */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /**
     * The global index is a {@code BIGSERIAL}: concurrent writers take their numbers before they commit, so a
     * tracking processor can see index n+1 committed while n is still in flight. The token remembers such gaps and
     * reads them again until they fill, which is what keeps concurrent writes from being skipped
     * ({@code GapSafetyTest}). A gap is given up (taken for a rolled-back write) only when it is more than
     * {@code max-gap-offset} indexes behind the newest event, or, once the token holds more than
     * {@code gap-cleaning-threshold} gaps, when the events around it are older than {@code gap-timeout}. No write
     * transaction may stay open that long; ADR 0009 has the numbers.
     */
    @Bean
    EventStorageEngine eventStorageEngine(ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          Serializer serializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          ObjectProvider<EventUpcaster> upcasters,
                                          @Value("${embapi.event-store.gap-timeout:60s}") String gapTimeout,
                                          @Value("${embapi.event-store.gap-cleaning-threshold:250}") int cleaning,
                                          @Value("${embapi.event-store.max-gap-offset:10000}") int maxGapOffset) {
        return JdbcEventStorageEngine.builder()
                .gapTimeout(Math.toIntExact(DurationStyle.detectAndParse(gapTimeout).toMillis()))
                .gapCleaningThreshold(cleaning)
                .maxGapOffset(maxGapOffset)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
                .persistenceExceptionResolver(duplicateKeys())
                .build();
    }

    /**
     * The event store the tracking processors read through. Its shared producer keeps the events between the slowest
     * and the fastest processor in memory; Axon's default of 10,000 events is gigabytes when each event is an upload
     * batch (500 vectors ≈ 1 MB serialized, more once deserialized): the benchmark's 100k × 384-d load ran a 384 MB
     * heap out of memory. A processor further behind than {@code cached-events} reads from the database instead.
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                  @Value("${embapi.event-store.cached-events:64}") int cachedEvents) {
        return EmbeddedEventStore.builder().storageEngine(storageEngine).cachedEvents(cachedEvents).build();
    }

    /**
     * Recognises PostgreSQL's unique violation (SQLSTATE 23505) when two writers append the same aggregate sequence,
     * so Axon raises its {@code ConcurrencyException} (answered 409) instead of a generic {@code EventStoreException}.
     * Axon's {@code JdbcSQLErrorCodesResolver} does not know the PostgreSQL driver's codes (found by the aggregate
     * boundary benchmark, ADR 0006).
     */
    static PersistenceExceptionResolver duplicateKeys() {
        return new SQLStateResolver("23505");
    }

    /**
     * Token claims are how several query-side JVMs share a projection's segments: a claim not extended for
     * {@code embapi.processing.claim-timeout} (a dead JVM) may be taken by another node.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                          @Value("${embapi.processing.claim-timeout:10s}") String claimTimeout) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .claimTimeout(DurationStyle.detectAndParse(claimTimeout))
                .build();
    }
}
