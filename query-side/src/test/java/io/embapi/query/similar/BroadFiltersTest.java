package io.embapi.query.similar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The memory of filters too broad for an exact scan: remembered, forgotten after its time, bounded. */
class BroadFiltersTest {

    @Test
    void aRememberedFilterIsBroadUntilItsTimeRunsOut() throws InterruptedException {
        SimilaritySearch.BroadFilters filters = new SimilaritySearch.BroadFilters(10, 50);
        assertThat(filters.recentlyBroad("1/384/EQUALS[cat][\"p50\"];")).isFalse();
        filters.remember("1/384/EQUALS[cat][\"p50\"];");
        assertThat(filters.recentlyBroad("1/384/EQUALS[cat][\"p50\"];")).isTrue();
        assertThat(filters.recentlyBroad("2/384/EQUALS[cat][\"p50\"];")).isFalse();
        Thread.sleep(80);
        assertThat(filters.recentlyBroad("1/384/EQUALS[cat][\"p50\"];")).isFalse();
    }

    @Test
    void theLeastRecentlyUsedGoesFirstWhenFull() {
        SimilaritySearch.BroadFilters filters = new SimilaritySearch.BroadFilters(2, 60_000);
        filters.remember("a");
        filters.remember("b");
        assertThat(filters.recentlyBroad("a")).isTrue();
        filters.remember("c");
        assertThat(filters.recentlyBroad("b")).isFalse();
        assertThat(filters.recentlyBroad("a")).isTrue();
        assertThat(filters.recentlyBroad("c")).isTrue();
    }

    @Test
    void filtersWithTheSameConditionsHaveTheSameSignature() {
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        MetadataFilter pointer = MetadataFilter.parse(json.readTree(
                "{\"must\":[{\"key\":\"/a/b\",\"equals\":1}]}"), "body.filter");
        MetadataFilter dotted = MetadataFilter.parse(json.readTree(
                "{\"must\":[{\"key\":\"a.b\",\"equals\":1}]}"), "body.filter");
        MetadataFilter negated = MetadataFilter.parse(json.readTree(
                "{\"must_not\":[{\"key\":\"a.b\",\"equals\":1}]}"), "body.filter");
        assertThat(pointer.signature()).isEqualTo(dotted.signature()).isNotEqualTo(negated.signature());
    }
}
