package io.embapi.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The run's Markdown output: printed as each section finishes, and kept for the {@code --out} file. */
final class Report {

    private final StringBuilder text = new StringBuilder();
    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void heading(String heading) {
        emit("\n### " + heading + "\n");
    }

    void line(String line) {
        emit(line);
    }

    Table table(String... columns) {
        return new Table(List.of(columns));
    }

    String text() {
        return text.toString();
    }

    private void emit(String line) {
        text.append(line).append('\n');
        out.println(line);
        out.flush();
    }

    /** A Markdown table; numbers right-aligned. */
    final class Table {
        private final List<String> columns;
        private final List<List<String>> rows = new ArrayList<>();

        private Table(List<String> columns) {
            this.columns = columns;
        }

        Table row(String... cells) {
            rows.add(List.of(cells));
            return this;
        }

        void print() {
            emit("| " + String.join(" | ", columns) + " |");
            StringBuilder rule = new StringBuilder("|");
            for (int i = 0; i < columns.size(); i++) {
                rule.append(i == 0 ? "---|" : "---:|");
            }
            emit(rule.toString());
            for (List<String> row : rows) {
                emit("| " + String.join(" | ", row) + " |");
            }
        }
    }
}
