package io.embapi.platform.cache;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the lookup caches ({@link ChangeAwareCache}) true to the database on every node. Triggers (migration V14)
 * announce each committed change of a cached table on the channel {@value #CHANNEL}; one dedicated connection per
 * node listens, and a change empties every cache built from that table. While the listener is not connected, every
 * cache is bypassed and reads go to the database, so a lost connection costs speed, never correctness.
 *
 * <p>Within a node, {@link #catchUp()} makes a finished command's changes visible at once: it sends a marker on the
 * same channel and waits until the listener has seen it. PostgreSQL delivers notifications in commit order, so every
 * change committed before the marker has been applied to the caches by then. Other nodes apply a change when its
 * notification arrives (about a millisecond after the commit). A listener whose connection silently died is noticed
 * by a heartbeat within about four seconds (one-second heartbeat, three-second socket timeout); entries also
 * expire after a minute whatever happens.
 */
@Component
public class TableChanges implements SmartLifecycle {

    static final String CHANNEL = "embapi_table_changes";
    private static final String MARKER = "catch-up:";
    private static final int HEARTBEAT_MILLIS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(TableChanges.class);

    private final DataSourceProperties database;
    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final boolean enabled;
    private final Duration catchUpTimeout;
    private final Map<String, List<ChangeAwareCache<?, ?>>> cachesByTable = new ConcurrentHashMap<>();
    private final List<ChangeAwareCache<?, ?>> caches = new CopyOnWriteArrayList<>();
    private final AtomicLong markersSent = new AtomicLong();
    private final Object markerSeen = new Object();
    private final String node = Long.toHexString(System.nanoTime() ^ ProcessHandle.current().pid());
    private volatile long lastMarkerSeen;
    private volatile boolean live;
    private volatile int backendPid;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread listener;

    TableChanges(DataSourceProperties database, JdbcTemplate jdbc, MeterRegistry meters,
                 @Value("${embapi.cache.enabled:true}") boolean enabled,
                 @Value("${embapi.cache.catch-up-timeout:2s}") Duration catchUpTimeout) {
        this.database = database;
        this.jdbc = jdbc;
        this.meters = meters;
        this.enabled = enabled;
        this.catchUpTimeout = catchUpTimeout;
        Gauge.builder("embapi.cache.live", this, changes -> changes.live ? 1 : 0)
                .description("1 while the lookup caches are in use (their change listener is connected)")
                .register(meters);
    }

    /** A cache of at most {@code maxEntries} values read from {@code tables}, emptied when any of them changes. */
    public <K, V> ChangeAwareCache<K, V> cache(String name, int maxEntries, Set<String> tables) {
        ChangeAwareCache<K, V> cache = new ChangeAwareCache<>(name, maxEntries, this, meters);
        caches.add(cache);
        for (String table : tables) {
            cachesByTable.computeIfAbsent(table, t -> new CopyOnWriteArrayList<>()).add(cache);
        }
        return cache;
    }

    /** Whether caches may answer now. */
    public boolean live() {
        return live;
    }

    /** The PostgreSQL backend of the listening connection, or 0 while there is none. */
    public int listenerBackendPid() {
        return backendPid;
    }

    /**
     * Returns once every change committed so far is reflected in this node's caches (or the caches are off). Call
     * after a command, before its response, so the caller's next request sees its own change.
     */
    public void catchUp() {
        if (!live) {
            return;
        }
        long marker = markersSent.incrementAndGet();
        jdbc.queryForObject("SELECT pg_notify(?, ?)::text", String.class, CHANNEL, MARKER + node + ":" + marker);
        long deadline = System.nanoTime() + catchUpTimeout.toNanos();
        synchronized (markerSeen) {
            while (live && lastMarkerSeen < marker) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.warn("table change listener did not see its own marker within {}; caches off until it "
                            + "reconnects", catchUpTimeout);
                    reconnect();
                    return;
                }
                try {
                    markerSeen.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void listen() {
        long backoff = 100;
        while (running) {
            try (Connection listening = open()) {
                connection = listening;
                try (Statement statement = listening.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                    try (var pid = statement.executeQuery("SELECT pg_backend_pid()")) {
                        pid.next();
                        backendPid = pid.getInt(1);
                    }
                }
                // Anything cached before this point may have missed a notification.
                invalidateAll();
                live = true;
                backoff = 100;
                log.info("lookup caches on: listening for table changes");
                PGConnection pg = listening.unwrap(PGConnection.class);
                long lastHeartbeat = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(HEARTBEAT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            apply(notification.getParameter());
                        }
                    }
                    if (System.nanoTime() - lastHeartbeat > HEARTBEAT_MILLIS * 1_000_000L) {
                        // A half-open connection delivers nothing and raises nothing; a round trip with a socket
                        // timeout notices it within seconds.
                        try (Statement heartbeat = listening.createStatement()) {
                            heartbeat.execute("SELECT 1");
                        }
                        lastHeartbeat = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("lookup caches off: table change listener lost its connection ({}); retrying",
                            e.getMessage());
                }
            } finally {
                live = false;
                connection = null;
                backendPid = 0;
                invalidateAll();
                wakeWaiters();
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, 5_000);
        }
    }

    private void apply(String payload) {
        if (payload.startsWith(MARKER)) {
            String[] parts = payload.split(":");
            if (parts.length == 3 && parts[1].equals(node)) {
                lastMarkerSeen = Math.max(lastMarkerSeen, Long.parseLong(parts[2]));
                wakeWaiters();
            }
            return;
        }
        for (ChangeAwareCache<?, ?> cache : cachesByTable.getOrDefault(payload, List.of())) {
            cache.invalidate();
        }
    }

    private void wakeWaiters() {
        synchronized (markerSeen) {
            markerSeen.notifyAll();
        }
    }

    private void invalidateAll() {
        caches.forEach(ChangeAwareCache::invalidate);
    }

    private Connection open() throws SQLException {
        Properties props = new Properties();
        String user = database.determineUsername();
        String password = database.determinePassword();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "embapi-table-changes");
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("socketTimeout", "3");
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(database.determineUrl(), props);
    }

    /** Drops the listening connection; the listener reconnects (and empties the caches) by itself. */
    private void reconnect() {
        live = false;
        invalidateAll();
        Connection current = connection;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException ignored) {
                // the listener notices either way
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        if (!enabled || running) {
            return;
        }
        running = true;
        listener = new Thread(this::listen, "embapi-table-changes");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        reconnect();
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
