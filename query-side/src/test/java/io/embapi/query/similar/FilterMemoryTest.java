package io.embapi.query.similar;

import static org.assertj.core.api.Assertions.assertThat;

import io.embapi.query.similar.SimilaritySearch.FilterMemory;
import io.embapi.query.similar.SimilaritySearch.FilterMemory.Breadth;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The memory of filter breadths: remembered, forgotten after their time, bounded; signatures are canonical. */
class FilterMemoryTest {

    @Test
    void aBreadthIsRememberedUntilItsTimeRunsOut() throws InterruptedException {
        FilterMemory memory = new FilterMemory(10, 40, 400);
        assertThat(memory.recall("1/384/p50")).isNull();
        memory.remember("1/384/p50", Breadth.BROAD);
        memory.remember("1/384/p1", Breadth.NARROW);
        assertThat(memory.recall("1/384/p50")).isEqualTo(Breadth.BROAD);
        assertThat(memory.recall("1/384/p1")).isEqualTo(Breadth.NARROW);
        assertThat(memory.recall("2/384/p50")).isNull();
        Thread.sleep(80);
        assertThat(memory.recall("1/384/p1")).as("narrow entries are counted anew sooner").isNull();
        assertThat(memory.recall("1/384/p50")).isEqualTo(Breadth.BROAD);
    }

    @Test
    void theLeastRecentlyUsedGoesFirstWhenFull() {
        FilterMemory memory = new FilterMemory(2, 60_000, 60_000);
        memory.remember("a", Breadth.BROAD);
        memory.remember("b", Breadth.BROAD);
        assertThat(memory.recall("a")).isNotNull();
        memory.remember("c", Breadth.NARROW);
        assertThat(memory.recall("b")).isNull();
        assertThat(memory.recall("a")).isNotNull();
        assertThat(memory.recall("c")).isNotNull();
    }

    @Test
    void filtersWithTheSameConditionsHaveTheSameSignature() {
        JsonMapper json = JsonMapper.builder().build();
        MetadataFilter pointer = MetadataFilter.parse(json.readTree(
                "{\"must\":[{\"key\":\"/a/b\",\"equals\":1}]}"), "body.filter");
        MetadataFilter dotted = MetadataFilter.parse(json.readTree(
                "{\"must\":[{\"key\":\"a.b\",\"equals\":1}]}"), "body.filter");
        MetadataFilter negated = MetadataFilter.parse(json.readTree(
                "{\"must_not\":[{\"key\":\"a.b\",\"equals\":1}]}"), "body.filter");
        assertThat(pointer.signature()).isEqualTo(dotted.signature()).isNotEqualTo(negated.signature());
    }
}
