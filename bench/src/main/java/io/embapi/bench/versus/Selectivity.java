package io.embapi.bench.versus;

/**
 * A search cell's filter: none, or one metadata class. {@code apiFilter} is the body the REST API takes,
 * {@code containment} the {@code metadata @> ?::jsonb} document of the raw SQL; both select the same rows.
 */
enum Selectivity {
    UNFILTERED("unfiltered", null),
    FILTER_50("filter 50 %", "p50"),
    FILTER_5("filter 5 %", "p5"),
    FILTER_1("filter 1 %", "p1");

    final String label;
    final String category;

    Selectivity(String label, String category) {
        this.label = label;
        this.category = category;
    }

    boolean matches(int row) {
        return category == null || category.equals(Dataset.category(row));
    }

    String apiFilter() {
        return category == null ? null : "{\"must\":[{\"key\":\"cat\",\"equals\":\"" + category + "\"}]}";
    }

    String containment() {
        return "{\"cat\":\"" + category + "\"}";
    }
}
