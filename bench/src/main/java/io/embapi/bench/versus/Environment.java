package io.embapi.bench.versus;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine, versions and settings a run was measured on, captured at its start. */
record Environment(Instant started, Map<String, String> machine, Map<String, String> postgres, String jvmFlags) {

    private static final List<String> SETTINGS = List.of("shared_buffers", "work_mem", "maintenance_work_mem",
            "effective_cache_size", "max_connections", "synchronous_commit", "fsync", "wal_level", "max_wal_size",
            "max_parallel_maintenance_workers", "jit");

    static Environment capture(Connection db, VersusBench options) throws SQLException, IOException {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores visible to the JVM");
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        machine.put("memory", String.format("%.1f GiB", memory / (double) (1L << 30)));
        machine.put("OS / kernel", osName() + " / " + System.getProperty("os.version"));
        machine.put("JDK (harness and service)", System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"));
        machine.put("PostgreSQL", RawPgvector.scalar(db, "SELECT version()"));
        machine.put("pgvector", String.valueOf(RawPgvector.scalar(db,
                "SELECT default_version FROM pg_available_extensions WHERE name = 'vector'")));
        machine.put("load average at start", readLoadAverage());
        machine.put("client and server", "same machine, TCP 127.0.0.1; harness, service and PostgreSQL share the cores");
        Map<String, String> settings = new LinkedHashMap<>();
        for (String setting : SETTINGS) {
            settings.put(setting, RawPgvector.scalar(db, "SELECT current_setting('" + setting + "')"));
        }
        Path file = options.jvmOptionsFile();
        String flags = file == null ? "(none: the JVM's defaults)"
                : String.join(" ", Files.readAllLines(file).stream().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList());
        return new Environment(Instant.now(), machine, settings, flags);
    }

    String loadAverage() {
        return machine.getOrDefault("load average at start", readLoadAverage());
    }

    private static String readLoadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static String osName() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        } catch (IOException ignored) {
            // fall through
        }
        return System.getProperty("os.name");
    }
}
