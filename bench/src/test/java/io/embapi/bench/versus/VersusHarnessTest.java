package io.embapi.bench.versus;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of {@code ops/bench} that decide what its numbers mean, without a database: the data's selectivities,
 * the brute-force ground truth, the smoke check that fails CI, and the charts. The harness against a real service
 * runs as {@code ops/bench --smoke} in ops/test.
 */
class VersusHarnessTest {

    @Test
    void metadataClassesSelectExactlyOneFiveAndFiftyPercent() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int row = 0; row < 10_000; row++) {
            counts.merge(Dataset.category(row), 1, Integer::sum);
        }
        assertThat(counts).containsEntry("p1", 100).containsEntry("p5", 500).containsEntry("p50", 5_000)
                .containsEntry("rest", 4_400);
    }

    @Test
    void dataIsReproducibleUnitVectors() {
        Dataset a = Dataset.generate(16, 50, 5, 42);
        Dataset b = Dataset.generate(16, 50, 5, 42);
        assertThat(a.vectors()).isDeepEqualTo(b.vectors());
        assertThat(a.queries()).isDeepEqualTo(b.queries());
        assertThat(Dataset.generate(16, 50, 5, 43).vectors()[0]).isNotEqualTo(a.vectors()[0]);
        double norm = 0;
        for (float v : a.vectors()[7]) {
            norm += v * v;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void groundTruthFindsAStoredRowByItsOwnVectorAndKeepsFiltersToTheirClass() {
        Dataset base = Dataset.generate(24, 2_000, 0, 7);
        // queries that are stored rows: each must be its own nearest neighbour
        float[][] queries = {base.vectors()[0], base.vectors()[3], base.vectors()[1_234]};
        Dataset data = new Dataset(24, base.vectors(), queries);
        GroundTruth truth = GroundTruth.compute(data, 3);
        assertThat(truth.queries()).isEqualTo(3);
        assertThat(truth.recall(Selectivity.UNFILTERED, 0, List.of("t0000000"))).isEqualTo(0.1);
        assertThat(truth.recall(Selectivity.FILTER_1, 0, List.of("t0000000"))).isEqualTo(0.1);
        assertThat(truth.recall(Selectivity.FILTER_5, 1, List.of("t0000003"))).isEqualTo(0.1);
        // row 3 is class p5: it cannot be in the 1 % class's answer
        assertThat(truth.recall(Selectivity.FILTER_1, 1, List.of("t0000003"))).isZero();
        assertThat(truth.recall(Selectivity.UNFILTERED, 5, List.of("t0000000"))).isEqualTo(-1);
        assertThat(GroundTruth.recall(List.of("a", "b", "x"), Set.of("a", "b", "c", "d"))).isEqualTo(0.5);
    }

    @Test
    void smokeCheckAcceptsACompleteRunAndNamesEveryDefect() {
        List<Integer> clients = List.of(1, 4);
        assertThat(Results.problems(List.of(sane(clients)), clients)).isEmpty();
        assertThat(Results.problems(List.of(), clients)).containsExactly("no data set was measured");

        Results.DataSet good = sane(clients);
        List<Results.SearchCell> fewer = new ArrayList<>(good.search());
        fewer.remove(0);
        Results.DataSet broken = new Results.DataSet(384, 1_000,
                new Results.Ingestion(1_000, 100, 2, 1, 3, 5, 1, 10, 0, 0),
                new Results.Rebuild(1_000, 0.1, 0.5, 1, 2, 999), fewer,
                new Results.Memory(Map.of("search", 0L)));
        assertThat(String.join("\n", Results.problems(List.of(broken), clients)))
                .contains("read-your-writes: 1 of 5 samples failed")
                .contains("holds 999 rows, not 1000")
                .contains("search unfiltered API 1 client(s) missing")
                .contains("peak RSS 0 bytes");
    }

    @Test
    void chartsAreWrittenAsReadablePngs(@TempDir Path directory) throws Exception {
        List<Integer> clients = List.of(1, 4);
        List<Path> charts = Charts.write(directory, List.of(sane(clients)), clients);
        assertThat(charts).hasSize(3);
        for (Path chart : charts) {
            BufferedImage image = ImageIO.read(chart.toFile());
            assertThat(image.getWidth()).isGreaterThanOrEqualTo(900);
        }
    }

    private static Results.DataSet sane(List<Integer> clients) {
        List<Results.SearchCell> cells = new ArrayList<>();
        for (Selectivity selectivity : Selectivity.values()) {
            for (int c : clients) {
                cells.add(new Results.SearchCell(selectivity, c, "API", 200, 4, 8, 12, 0.99, 10));
                cells.add(new Results.SearchCell(selectivity, c, "JDBC", 300, 2, 5, 9, 0.98, 10));
            }
        }
        return new Results.DataSet(384, 1_000, new Results.Ingestion(1_000, 100, 2, 1, 3, 5, 0, 10, 0, 0),
                new Results.Rebuild(1_000, 0.1, 0.5, 1, 2, 1_000), cells,
                new Results.Memory(Map.of("started", 200L << 20, "search", 400L << 20)));
    }
}
