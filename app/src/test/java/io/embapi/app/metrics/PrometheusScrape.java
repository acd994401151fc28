package io.embapi.app.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One scrape of {@code /actuator/prometheus}, parsed: every sample by its series ({@code name{labels}}). */
record PrometheusScrape(Map<String, Double> samples) {

    static PrometheusScrape parse(String body) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int split = line.lastIndexOf(' ');
            samples.put(line.substring(0, split), Double.parseDouble(line.substring(split + 1)));
        }
        return new PrometheusScrape(samples);
    }

    /** The names of every series in the scrape. */
    Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (String series : samples.keySet()) {
            int brace = series.indexOf('{');
            names.add(brace < 0 ? series : series.substring(0, brace));
        }
        return names;
    }

    /** The sum over the series of {@code name} whose labels contain every one of {@code labels} (e.g. reason="x"). */
    double value(String name, String... labels) {
        double sum = 0;
        boolean found = false;
        for (Map.Entry<String, Double> sample : samples.entrySet()) {
            String series = sample.getKey();
            if (!(series.equals(name) || series.startsWith(name + "{"))) {
                continue;
            }
            boolean matches = true;
            for (String label : labels) {
                matches &= series.contains(label);
            }
            if (matches) {
                sum += sample.getValue();
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError("no series " + name + " with " + String.join(",", labels) + " in the scrape");
        }
        return sum;
    }

    boolean has(String name, String... labels) {
        try {
            value(name, labels);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }
}
