package io.embapi.bench.versus;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The report's PNG charts, drawn with Java2D (headless): grouped bar charts with the value on every bar. No chart
 * library is available offline here and three bar charts do not need one.
 */
final class Charts {

    private static final Color[] PALETTE = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868),
            new Color(0xC44E52), new Color(0x8172B3), new Color(0x937860)};

    private Charts() {
    }

    static List<Path> write(Path directory, List<Results.DataSet> sets, List<Integer> clients) throws IOException {
        List<Path> written = new ArrayList<>();
        List<String> labels = sets.stream().map(Results.DataSet::label).toList();
        double[][] throughput = new double[5][sets.size()];
        double[][] ratios = new double[3][sets.size()];
        for (int i = 0; i < sets.size(); i++) {
            Results.DataSet set = sets.get(i);
            throughput[0][i] = set.ingestion().rawRate();
            throughput[1][i] = set.ingestion().searchableRate();
            throughput[2][i] = set.ingestion().indexedRate();
            throughput[3][i] = set.rows() / set.rebuild().rawSeconds();
            throughput[4][i] = set.rows() / set.rebuild().serviceIndexedSeconds();
            ratios[0][i] = set.ingestion().searchableRate() / set.ingestion().rawRate();
            ratios[1][i] = BenchmarkReport.searchRatios(set, clients)[0];
            ratios[2][i] = set.rebuild().rawSeconds() / set.rebuild().serviceIndexedSeconds();
        }
        written.add(bars(directory.resolve("ingestion-rebuild.png"), "Rows per second: service vs raw pgvector",
                labels, List.of("raw INSERT", "API to searchable", "API to indexed", "raw COPY + index",
                        "service rebuild to indexed"), throughput, "%,.0f", null));
        written.add(bars(directory.resolve("ratios.png"), "Service ÷ raw pgvector (targets: ingestion 2×, search "
                + "0.8×, rebuild 0.7×)", labels, List.of("ingestion to searchable", "search QPS (worst cell)",
                "rebuild to indexed"), ratios, "%.2f×", new double[] {BenchmarkReport.INGEST_TARGET,
                BenchmarkReport.SEARCH_TARGET, BenchmarkReport.REBUILD_TARGET}));
        for (Results.DataSet set : sets) {
            List<String> cells = new ArrayList<>();
            List<double[]> values = new ArrayList<>();
            for (Selectivity selectivity : Selectivity.values()) {
                for (int c : clients) {
                    cells.add(selectivity.label.replace("filter ", "") + ", " + c + " cl.");
                    values.add(new double[] {set.cell(selectivity, c, "API").qps(),
                            set.cell(selectivity, c, "JDBC").qps()});
                }
            }
            double[][] qps = new double[2][cells.size()];
            for (int i = 0; i < cells.size(); i++) {
                qps[0][i] = values.get(i)[0];
                qps[1][i] = values.get(i)[1];
            }
            written.add(bars(directory.resolve("search-qps-" + set.dimensions() + "d-" + set.rows() + ".png"),
                    "Search QPS, " + set.label() + ": API vs the same SQL over JDBC", cells,
                    List.of("API", "raw SQL over JDBC"), qps, "%,.0f", null));
        }
        return written;
    }

    /**
     * A grouped bar chart: one group per category, one bar per series. {@code targets}, when given, draws each
     * series' target as a dashed line in the series' colour.
     */
    static Path bars(Path file, String title, List<String> categories, List<String> series, double[][] values,
                     String format, double[] targets) throws IOException {
        int width = Math.max(900, 120 + categories.size() * (series.size() * 34 + 30));
        int height = 520;
        int left = 70;
        int right = 20;
        int top = 60;
        int bottom = 110;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, left, 30);

        double max = 0;
        for (double[] row : values) {
            for (double v : row) {
                max = Math.max(max, Double.isFinite(v) ? v : 0);
            }
        }
        if (targets != null) {
            for (double t : targets) {
                max = Math.max(max, t);
            }
        }
        max = max <= 0 ? 1 : max * 1.15;
        int plotHeight = height - top - bottom;
        int plotWidth = width - left - right;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(new Color(0xDDDDDD));
        for (int i = 0; i <= 5; i++) {
            int y = top + plotHeight - (int) (plotHeight * i / 5.0);
            g.drawLine(left, y, width - right, y);
        }
        g.setColor(Color.DARK_GRAY);
        for (int i = 0; i <= 5; i++) {
            int y = top + plotHeight - (int) (plotHeight * i / 5.0);
            g.drawString(String.format(Locale.ROOT, format, max * i / 5.0), 4, y + 4);
        }
        g.drawLine(left, top + plotHeight, width - right, top + plotHeight);

        double groupWidth = (double) plotWidth / categories.size();
        double barWidth = Math.min(40, (groupWidth - 20) / series.size());
        for (int c = 0; c < categories.size(); c++) {
            double groupStart = left + c * groupWidth + (groupWidth - barWidth * series.size()) / 2;
            for (int s = 0; s < series.size(); s++) {
                double v = Double.isFinite(values[s][c]) ? values[s][c] : 0;
                int h = (int) (plotHeight * v / max);
                int x = (int) (groupStart + s * barWidth);
                g.setColor(PALETTE[s % PALETTE.length]);
                g.fillRect(x, top + plotHeight - h, (int) barWidth - 3, h);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
                g.drawString(String.format(Locale.ROOT, format, values[s][c]), x, top + plotHeight - h - 3);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int labelWidth = g.getFontMetrics().stringWidth(categories.get(c));
            g.drawString(categories.get(c), (int) (left + c * groupWidth + (groupWidth - labelWidth) / 2),
                    top + plotHeight + 18);
        }
        if (targets != null) {
            g.setStroke(new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 6}, 0));
            for (int s = 0; s < targets.length; s++) {
                int y = top + plotHeight - (int) (plotHeight * targets[s] / max);
                g.setColor(PALETTE[s % PALETTE.length]);
                g.drawLine(left, y, width - right, y);
            }
            g.setStroke(new BasicStroke(1));
        }
        int x = left;
        int y = height - 50;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int s = 0; s < series.size(); s++) {
            String name = series.get(s) + (targets != null ? String.format(Locale.ROOT, " (target %.1f×, dashed)",
                    targets[s]) : "");
            int nameWidth = 24 + g.getFontMetrics().stringWidth(name);
            if (x > left && x + nameWidth > width - right) {
                x = left;
                y += 20;
            }
            g.setColor(PALETTE[s % PALETTE.length]);
            g.fillRect(x, y - 10, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(name, x + 16, y);
            x += nameWidth;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
