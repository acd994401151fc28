package io.embapi.platform.doctor;

import io.embapi.platform.config.EmbapiProperties;
import io.embapi.platform.config.KeyStrength;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The checks of the pre-deployment checklist that need the running service: its keys, switches, database role and
 * connection, process user and the backups it can see. Host checks ({@code .env} mode and git status) are done by
 * {@code ops/doctor} ({@code app/…/ops/DoctorCommand}), which shows these as well. Each check answers pass, warn or
 * fail with the fix in one sentence; nothing here ever returns a key.
 */
@Component
public class DeploymentDoctor {

    /** B2's backup file names: {@code embapi-YYYYmmddTHHMMSSZ.dump}, gpg-encrypted with {@code .gpg}. */
    static final Pattern BACKUP_NAME = Pattern.compile("embapi-(\\d{8}T\\d{6}Z)\\.dump(\\.gpg)?");
    private static final DateTimeFormatter BACKUP_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");
    private static final Pattern JDBC_HOST = Pattern.compile("^jdbc:postgresql://([^/:?]+|\\[[^]]+])");
    private static final Pattern SSLMODE = Pattern.compile("[?&]sslmode=([^&]+)");

    private final EmbapiProperties properties;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final boolean resetEnabled;
    private final Path backupDir;
    private final Duration backupMaxAge;
    private final Clock clock;

    DeploymentDoctor(EmbapiProperties properties, JdbcTemplate jdbc, DataSource dataSource,
                     @Value("${embapi.admin.reset-enabled:false}") boolean resetEnabled,
                     @Value("${embapi.doctor.backup-dir:/var/backups/embapi}") String backupDir,
                     @Value("${embapi.doctor.backup-max-age-hours:26}") long backupMaxAgeHours,
                     ObjectProvider<Clock> clock) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.resetEnabled = resetEnabled;
        this.backupDir = Path.of(backupDir);
        this.backupMaxAge = Duration.ofHours(backupMaxAgeHours);
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Every service-side check, in checklist order. */
    public List<DoctorCheck> examine() {
        List<DoctorCheck> checks = new ArrayList<>();
        checks.add(keyStrength("admin_key", "SERVICE_ADMINKEY", properties.adminKey()));
        checks.add(keyStrength("encryption_key", "ENCRYPTION_KEY", properties.encryptionKey()));
        checks.add(weakKeysAllowed());
        checks.add(previousAdminKey());
        checks.add(properties.debug()
                ? DoctorCheck.fail("debug_off", "SERVICE_DEBUG=true: debug logging is on",
                        "Set SERVICE_DEBUG=false (the default) and restart.")
                : DoctorCheck.pass("debug_off", "SERVICE_DEBUG is off"));
        checks.add(resetEnabled
                ? DoctorCheck.fail("footgun_off", "SERVICE_ENABLE_FOOTGUN=true: GET /v1/admin/footgun deletes all data",
                        "Remove SERVICE_ENABLE_FOOTGUN (test environments only) and restart.")
                : DoctorCheck.pass("footgun_off", "the reset endpoint is disabled"));
        checks.add(serviceUser());
        checks.add(databaseRole());
        checks.add(databaseTls());
        checks.add(backups());
        return checks;
    }

    private static DoctorCheck keyStrength(String name, String variable, String key) {
        Optional<String> weakness = KeyStrength.weakness(key);
        return weakness.map(why -> DoctorCheck.fail(name, variable + " is weak: " + why,
                        "Generate a new one with `openssl rand -hex 32`, set it in .env and restart."))
                .orElseGet(() -> DoctorCheck.pass(name, variable + " is long and not patterned"));
    }

    private DoctorCheck weakKeysAllowed() {
        return properties.allowWeakKeys()
                ? DoctorCheck.warn("weak_keys_refused", "EMBAPI_ALLOW_WEAK_KEYS=true: weak keys would be accepted",
                        "Remove EMBAPI_ALLOW_WEAK_KEYS (development only) and restart.")
                : DoctorCheck.pass("weak_keys_refused", "weak keys are refused at start-up");
    }

    private DoctorCheck previousAdminKey() {
        String previous = properties.adminKeyPrevious();
        if (previous == null || previous.isBlank()) {
            return DoctorCheck.pass("previous_admin_key", "no previous admin key is configured");
        }
        Instant until = properties.adminKeyPreviousUntil();
        if (clock.instant().isBefore(until)) {
            return DoctorCheck.warn("previous_admin_key", "the previous admin key is accepted until " + until,
                    "Move every client to the new SERVICE_ADMINKEY, then remove SERVICE_ADMINKEY_PREVIOUS.");
        }
        return DoctorCheck.warn("previous_admin_key", "the previous admin key expired at " + until
                + " and is refused", "Remove SERVICE_ADMINKEY_PREVIOUS and SERVICE_ADMINKEY_PREVIOUS_UNTIL from .env.");
    }

    private static DoctorCheck serviceUser() {
        String user = System.getProperty("user.name", "");
        return "root".equals(user)
                ? DoctorCheck.fail("service_user", "the service runs as root",
                        "Run the service as an unprivileged user (the container image and systemd unit do).")
                : DoctorCheck.pass("service_user", "the service runs as " + user);
    }

    private DoctorCheck databaseRole() {
        try {
            return jdbc.query("SELECT current_user, rolsuper, rolcreaterole, rolbypassrls FROM pg_roles "
                    + "WHERE rolname = current_user", rs -> {
                if (!rs.next()) {
                    return DoctorCheck.warn("database_role", "the role could not be read",
                            "Check that the service connects with its own role.");
                }
                String role = rs.getString(1);
                if (rs.getBoolean(2)) {
                    return DoctorCheck.fail("database_role", "the service connects as " + role + ", a superuser",
                            "Connect as the NOSUPERUSER role that owns the database (ops/run provisions `embapi`).");
                }
                if (rs.getBoolean(3) || rs.getBoolean(4)) {
                    return DoctorCheck.warn("database_role", "role " + role + " may create roles or bypass "
                                    + "row security", "ALTER ROLE " + role + " NOCREATEROLE NOBYPASSRLS;");
                }
                return DoctorCheck.pass("database_role", "the service connects as " + role + ", not a superuser");
            });
        } catch (RuntimeException e) {
            return DoctorCheck.fail("database_role", "the database could not be queried",
                    "Check the database settings (SERVICE_DB*) and that PostgreSQL is up.");
        }
    }

    private DoctorCheck databaseTls() {
        String url;
        try (Connection connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL();
        } catch (SQLException e) {
            return DoctorCheck.fail("database_tls", "the database could not be reached",
                    "Check the database settings (SERVICE_DB*) and that PostgreSQL is up.");
        }
        Matcher host = JDBC_HOST.matcher(url == null ? "" : url);
        String server = host.find() ? host.group(1).toLowerCase(Locale.ROOT) : "";
        Matcher mode = SSLMODE.matcher(url == null ? "" : url);
        String sslmode = mode.find() ? mode.group(1) : "prefer";
        Boolean encrypted = jdbc.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                rs -> rs.next() ? rs.getBoolean(1) : null);
        boolean loopback = LOOPBACK.contains(server);
        boolean verifying = sslmode.startsWith("verify-");
        String found = "connection to " + server + " with sslmode=" + sslmode + ", "
                + (Boolean.TRUE.equals(encrypted) ? "encrypted" : "not encrypted");
        if (Boolean.TRUE.equals(encrypted) && verifying) {
            return DoctorCheck.pass("database_tls", found);
        }
        if (loopback) {
            return Boolean.TRUE.equals(encrypted) || !"require".equals(sslmode)
                    ? DoctorCheck.pass("database_tls", found + " (loopback: the traffic never leaves the host)")
                    : DoctorCheck.warn("database_tls", found, "Check SERVICE_DBSSLMODE.");
        }
        if (Boolean.TRUE.equals(encrypted)) {
            return DoctorCheck.warn("database_tls", found + ", but the server certificate is not verified",
                    "Set SERVICE_DBSSLMODE=verify-full and give the JVM the server's CA.");
        }
        return DoctorCheck.fail("database_tls", found + " over the network",
                "Enable TLS on PostgreSQL and set SERVICE_DBSSLMODE=verify-full (or at least require).");
    }

    private DoctorCheck backups() {
        String fixMissing = "Schedule ops/backup (cron or systemd timer) so that " + backupDir
                + " gets a new dump daily, or point EMBAPI_BACKUP_DIR at where the dumps are.";
        if (!Files.isDirectory(backupDir)) {
            return DoctorCheck.fail("backups", "no backup directory " + backupDir, fixMissing);
        }
        Optional<Instant> newest;
        try (Stream<Path> files = Files.list(backupDir)) {
            newest = files.map(p -> BACKUP_NAME.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> LocalDateTime.parse(m.group(1), BACKUP_TIME).toInstant(ZoneOffset.UTC))
                    .max(Instant::compareTo);
        } catch (IOException | RuntimeException e) {
            return DoctorCheck.fail("backups", "the backup directory " + backupDir + " cannot be read",
                    "Let the service's user read " + backupDir + ".");
        }
        if (newest.isEmpty()) {
            return DoctorCheck.fail("backups", "no backup (embapi-*.dump[.gpg]) in " + backupDir, fixMissing);
        }
        Duration age = Duration.between(newest.get(), clock.instant());
        String found = "newest backup " + newest.get() + " (" + age.toHours() + " h old) in " + backupDir;
        if (age.compareTo(backupMaxAge) > 0) {
            return DoctorCheck.fail("backups", found + ", older than " + backupMaxAge.toHours() + " h",
                    "Run ops/backup now and check why the scheduled backup did not run.");
        }
        return DoctorCheck.pass("backups", found);
    }
}
