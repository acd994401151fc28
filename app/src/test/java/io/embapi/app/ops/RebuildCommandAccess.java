package io.embapi.app.ops;

import java.io.PrintWriter;
import java.util.Map;

/** Lets tests in other packages run {@code ops/rebuild}'s command against a test server. */
public final class RebuildCommandAccess {

    private RebuildCommandAccess() {
    }

    /** Runs the command non-interactively with this environment; answers its exit code. */
    public static int run(Map<String, String> environment, PrintWriter out, String... args) {
        return RebuildCommand.run(environment, out, false, args);
    }
}
