package io.embapi.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A bounded in-memory cache of values read from tables that {@link TableChanges} watches. A value is only kept if
 * no change of those tables arrived while it was being read, so a read that raced a commit is never cached; any
 * change empties the whole cache (changes to these tables are rare next to reads). Bypassed whenever the change
 * listener is down.
 */
public final class ChangeAwareCache<K, V> {

    private final Cache<K, V> values;
    private final TableChanges changes;
    private final AtomicLong epoch = new AtomicLong();

    ChangeAwareCache(String name, int maxEntries, TableChanges changes, MeterRegistry meters) {
        this.values = Caffeine.newBuilder().maximumSize(maxEntries)
                .expireAfterWrite(Duration.ofMinutes(1)).recordStats().build();
        this.changes = changes;
        CaffeineCacheMetrics.monitor(meters, values, name);
    }

    /** The cached value for {@code key}, or {@code load}'s answer (kept unless the tables changed meanwhile). */
    public V get(K key, Function<K, V> load) {
        if (!changes.live()) {
            return load.apply(key);
        }
        V cached = values.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        long before = epoch.get();
        V loaded = load.apply(key);
        if (loaded != null && changes.live() && epoch.get() == before) {
            values.put(key, loaded);
            // An invalidation between the check and the put must not leave this value behind.
            if (epoch.get() != before) {
                values.invalidate(key);
            }
        }
        return loaded;
    }

    void invalidate() {
        epoch.incrementAndGet();
        values.invalidateAll();
    }
}
