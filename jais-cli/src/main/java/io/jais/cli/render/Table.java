package io.jais.cli.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows under upper-case headers, columns padded to their widest cell, as the AIS CLI prints
 * them. Cells are never truncated: a wide name shifts its row rather than hiding part of itself.
 */
public final class Table {
  private static final String GAP = "   ";

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  private Table(List<String> headers) {
    this.headers = headers;
  }

  public static Table of(String... headers) {
    return new Table(List.of(headers));
  }

  /** Adds a row; {@code null} cells print as {@code -}. */
  public Table row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns " + headers);
    }
    rows.add(Arrays.stream(cells).map(cell -> cell == null ? "-" : cell.toString()).toList());
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Prints the headers (unless {@code withHeaders} is false) and every row. */
  public void print(PrintWriter out, boolean withHeaders) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = withHeaders ? headers.get(i).length() : 0;
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    if (withHeaders) {
      printRow(out, headers, widths);
    }
    rows.forEach(row -> printRow(out, row, widths));
    out.flush();
  }

  public void print(PrintWriter out) {
    print(out, true);
  }

  private static void printRow(PrintWriter out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      line.append(cell);
      if (i < cells.size() - 1) {
        line.append(" ".repeat(widths[i] - cell.length())).append(GAP);
      }
    }
    out.println(line.toString().stripTrailing()); // empty trailing cells (a totals row) leave no padding
  }
}
