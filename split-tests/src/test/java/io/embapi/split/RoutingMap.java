package io.embapi.split;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ops/nginx/routes.conf} read the way nginx reads it, for the subset that file keeps to: exact ({@code =})
 * and prefix ({@code ^~} or none) locations chosen as nginx does (an exact match wins, else the longest prefix),
 * {@code set $side upstream;} with {@code if ($request_method ~ …) { set $side other; }} and
 * {@code proxy_pass http://$side}, and {@code proxy_pass http://upstream}. Anything else in the file is refused, so the map cannot grow a rule that the
 * tests would silently ignore.
 */
final class RoutingMap {

    private static final Pattern TOKEN = Pattern.compile("\"[^\"]*\"|[{};]|[^\\s{};]+");

    private final List<Location> locations = new ArrayList<>();

    /** One location block. */
    record Location(String modifier, String path, String upstream, Pattern redirectMethods, String redirectTo) {
    }

    static RoutingMap read(Path file) throws IOException {
        RoutingMap map = new RoutingMap();
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            int comment = line.indexOf('#');
            text.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
        }
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        int i = 0;
        while (i < tokens.size()) {
            i = map.location(tokens, i);
        }
        return map;
    }

    private int location(List<String> t, int i) {
        expect(t, i++, "location");
        String modifier = "";
        String path = t.get(i++);
        if (path.equals("=") || path.equals("^~")) {
            modifier = path;
            path = t.get(i++);
        } else if (path.startsWith("~")) {
            throw new IllegalArgumentException("regex locations are not supported by the routing test: " + path);
        }
        expect(t, i++, "{");
        String upstream = null;
        String variable = null;
        String variableDefault = null;
        Pattern redirectMethods = null;
        String redirectTo = null;
        while (!t.get(i).equals("}")) {
            switch (t.get(i)) {
                case "proxy_pass" -> {
                    String target = t.get(i + 1);
                    if (!target.startsWith("http://")) {
                        throw new IllegalArgumentException("proxy_pass to " + target);
                    }
                    upstream = target.substring("http://".length());
                    expect(t, i + 2, ";");
                    i += 3;
                }
                case "set" -> {
                    // set $side embapi_command;
                    variable = t.get(i + 1);
                    variableDefault = t.get(i + 2);
                    expect(t, i + 3, ";");
                    i += 4;
                }
                case "if" -> {
                    // if ($request_method ~ ^(GET|HEAD)$) { set $side embapi_query; }
                    expect(t, i + 1, "($request_method");
                    expect(t, i + 2, "~");
                    String regex = t.get(i + 3);
                    if (!regex.endsWith(")")) {
                        throw new IllegalArgumentException("unexpected condition " + regex);
                    }
                    redirectMethods = Pattern.compile(regex.substring(0, regex.length() - 1));
                    expect(t, i + 4, "{");
                    expect(t, i + 5, "set");
                    if (variable == null || !t.get(i + 6).equals(variable)) {
                        throw new IllegalArgumentException("location " + path + ": if sets " + t.get(i + 6)
                                + " before a default was set");
                    }
                    redirectTo = t.get(i + 7);
                    expect(t, i + 8, ";");
                    expect(t, i + 9, "}");
                    i += 10;
                }
                default -> throw new IllegalArgumentException("unsupported directive " + t.get(i) + " in " + path);
            }
        }
        if (upstream == null) {
            throw new IllegalArgumentException("location " + path + " has no proxy_pass");
        }
        if (upstream.startsWith("$")) {
            if (!upstream.equals(variable)) {
                throw new IllegalArgumentException("location " + path + ": proxy_pass to unset " + upstream);
            }
            upstream = variableDefault;
        } else if (variable != null) {
            throw new IllegalArgumentException("location " + path + ": set without proxy_pass to " + variable);
        }
        if ((redirectMethods == null) != (redirectTo == null)) {
            throw new IllegalArgumentException("location " + path + ": incomplete method rule");
        }
        Location location = new Location(modifier, path, upstream, redirectMethods, redirectTo);
        if (path.startsWith("@")) {
            throw new IllegalArgumentException("named locations are not used by the routing map: " + path);
        }
        locations.add(location);
        return i + 1;
    }

    private static void expect(List<String> tokens, int i, String expected) {
        if (i >= tokens.size() || !tokens.get(i).equals(expected)) {
            throw new IllegalArgumentException("expected '" + expected + "' at token " + i + ", found "
                    + (i < tokens.size() ? tokens.get(i) : "the end"));
        }
    }

    /** The upstream nginx would send {@code method path} to. */
    String upstream(String method, String path) {
        Location chosen = null;
        for (Location location : locations) {
            if (location.modifier().equals("=") && location.path().equals(path)) {
                chosen = location;
                break;
            }
            if (!location.modifier().equals("=") && path.startsWith(location.path())
                    && (chosen == null || location.path().length() > chosen.path().length())) {
                chosen = location;
            }
        }
        if (chosen == null) {
            throw new IllegalStateException("no location for " + path);
        }
        if (chosen.redirectMethods() != null && chosen.redirectMethods().matcher(method).find()) {
            return chosen.redirectTo();
        }
        return chosen.upstream();
    }
}
