package io.embapi.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Repeated measurements per key, summarised as median with min–max. */
final class Samples {

    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    void add(String key, double value) {
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    double median(String key) {
        List<Double> sorted = sorted(key);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min(String key) {
        return sorted(key).get(0);
    }

    double max(String key) {
        List<Double> sorted = sorted(key);
        return sorted.get(sorted.size() - 1);
    }

    int count(String key) {
        return values.getOrDefault(key, List.of()).size();
    }

    /** "median (min–max)" with the given number of decimals; "–" when there is no value. */
    String summary(String key, int decimals) {
        if (!has(key)) {
            return "–";
        }
        if (count(key) == 1) {
            return number(median(key), decimals);
        }
        return number(median(key), decimals) + " (" + number(min(key), decimals) + "–" + number(max(key), decimals)
                + ")";
    }

    static String number(double value, int decimals) {
        if (decimals == 0) {
            return String.format(Locale.ROOT, "%,d", Math.round(value));
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private List<Double> sorted(String key) {
        List<Double> list = new ArrayList<>(values.get(key));
        list.sort(Double::compare);
        return list;
    }
}
