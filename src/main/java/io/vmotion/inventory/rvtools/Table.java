package io.vmotion.inventory.rvtools;

import io.vmotion.inventory.imports.Warnings;
import io.vmotion.inventory.rvtools.Cells.Dim;
import io.vmotion.inventory.rvtools.Cells.Gap;
import io.vmotion.inventory.rvtools.Cells.Read;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;

/**
 * One RVTools tab, read by header text: column order and presence change between RVTools versions
 * (and users delete columns), so every column is looked up by its name, case, spaces and
 * punctuation ignored, under any of its known names.
 *
 * <p>The header is the row, among the first {@value #HEADER_SEARCH_ROWS}, that holds the most of
 * the tab's known column names: a title row above it (a report name, an export date) is skipped.
 * A header cell under a merged region takes the region's text, so a header row below merged group
 * cells, or with cells merged down from the row above, is read whole; data starts below the last
 * row of those regions.
 */
final class Table {

  static final int HEADER_SEARCH_ROWS = 20;

  private final String tab;
  private final Map<String, Integer> columns = new HashMap<>();
  private final Map<Integer, String> headers = new HashMap<>();
  private final List<Row> rows = new ArrayList<>();
  private final Warnings warnings;
  /** A column's unit scale by dimension and header, computed once per column rather than once per cell. */
  private final Map<String, Double> scales = new HashMap<>();
  /** The 1-based row number of the header, 0 when the tab is empty. */
  private int headerRow;

  private Table(String tab, Sheet sheet, Warnings warnings, List<String> anchors) {
    this.tab = tab;
    this.warnings = warnings;
    Set<String> known = new HashSet<>();
    for (String a : anchors) known.add(key(a));
    List<CellRangeAddress> merged = sheet.getMergedRegions();

    Row header = null;
    int best = 0;
    Row firstNonBlank = null;
    int last = Math.min(sheet.getLastRowNum(), HEADER_SEARCH_ROWS - 1);
    for (int i = sheet.getFirstRowNum(); i >= 0 && i <= last; i++) {
      Row r = sheet.getRow(i);
      if (r == null) continue;
      Map<Integer, String> texts = headerTexts(sheet, r, merged);
      if (texts.isEmpty()) continue;
      if (firstNonBlank == null) firstNonBlank = r;
      int hits = 0;
      for (String t : texts.values()) if (known.contains(key(t))) hits++;
      if (hits > best) {
        best = hits;
        header = r;
      }
    }
    if (header == null) header = firstNonBlank;
    if (header == null) return;
    headerRow = header.getRowNum() + 1;
    if (firstNonBlank != null && header.getRowNum() > firstNonBlank.getRowNum()) {
      warnings.add("tab " + tab + ": header found in row " + headerRow + " by its column names; the rows above it are skipped");
    }
    int dataFrom = header.getRowNum() + 1;
    for (CellRangeAddress m : merged) {
      if (m.getFirstRow() <= header.getRowNum() && m.getLastRow() >= header.getRowNum()) dataFrom = Math.max(dataFrom, m.getLastRow() + 1);
    }
    headerTexts(sheet, header, merged).forEach((col, text) -> {
      columns.putIfAbsent(key(text), col);
      headers.put(col, text);
    });
    for (int i = dataFrom; i <= sheet.getLastRowNum(); i++) {
      Row r = sheet.getRow(i);
      if (!blank(r)) rows.add(r);
    }
  }

  /** The header texts of a row by column, a cell under a merged region taking the region's text. */
  private static Map<Integer, String> headerTexts(Sheet sheet, Row r, List<CellRangeAddress> merged) {
    Map<Integer, String> out = new HashMap<>();
    for (Cell c : r) {
      String t = text(c);
      if (t != null) out.put(c.getColumnIndex(), t);
    }
    for (CellRangeAddress m : merged) {
      if (m.getFirstRow() > r.getRowNum() || m.getLastRow() < r.getRowNum()) continue;
      Row top = sheet.getRow(m.getFirstRow());
      String t = top == null ? null : text(top.getCell(m.getFirstColumn()));
      if (t == null) continue;
      for (int col = m.getFirstColumn(); col <= m.getLastColumn(); col++) out.putIfAbsent(col, t);
    }
    return out;
  }

  /**
   * The tab of this name (case and spaces ignored; "RVTools_tabvHost", as some builds and CSV round
   * trips label it, counts as vHost), or null with a warning when the workbook lacks it.
   * {@code anchors} are the tab's column names that locate its header row.
   */
  static Table find(Workbook wb, String tab, Warnings warnings, String consequence, List<String> anchors) {
    for (int i = 0; i < wb.getNumberOfSheets(); i++) {
      Sheet s = wb.getSheetAt(i);
      String k = key(s.getSheetName());
      if (k.equals(key(tab)) || k.equals(key("RVTools_tab" + tab))) return new Table(tab, s, warnings, anchors);
    }
    if (consequence != null) warnings.add("tab " + tab + " missing; " + consequence);
    return null;
  }

  String tab() {
    return tab;
  }

  List<Row> rows() {
    return rows;
  }

  /** The 1-based row number of the header row; 0 when the tab has no header at all. */
  int headerRow() {
    return headerRow;
  }

  /** "# Cores" → "#cores", "Size MiB" → "sizemib": what header matching compares. */
  static String key(String header) {
    return header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9#%]", "");
  }

  /** The column with any of these names, or -1 after warning once that it is missing (when a consequence is given). */
  int column(String consequence, String... names) {
    for (String n : names) {
      Integer c = columns.get(key(n));
      if (c != null) return c;
    }
    if (consequence != null) warnings.add("tab " + tab + ": column \"" + names[0] + "\" missing; " + consequence);
    return -1;
  }

  /** A column by any of its names: its index (-1 when missing) and the name to quote. */
  Col col(String consequence, String... names) {
    int index = column(consequence, names);
    return new Col(this, index, index >= 0 ? headers.get(index) : names[0]);
  }

  /** A column of this tab: {@code name} is its header text, or the first known name when it is missing. */
  record Col(Table table, int index, String name) {
    boolean missing() {
      return index < 0;
    }
  }

  /** The header text of the column found for these names, or null. */
  String header(String... names) {
    for (String n : names) {
      Integer c = columns.get(key(n));
      if (c != null) return headers.get(c);
    }
    return null;
  }

  /** The 1-based row number of a data row, as Excel shows it. */
  static int rowNumber(Row r) {
    return r.getRowNum() + 1;
  }

  // ---- reading cells ----

  static String text(Row row, int column) {
    if (row == null || column < 0) return null;
    return text(row.getCell(column));
  }

  /** A cell's text; null when it is empty, an error, or a formula without a cached value. */
  static String text(Cell c) {
    Read<String> r = read(c);
    return r.value();
  }

  /** A cell's text, or why it has none. */
  static Read<String> read(Row row, int column) {
    if (row == null || column < 0) return Read.gap(Gap.EMPTY, null);
    return read(row.getCell(column));
  }

  static Read<String> read(Cell c) {
    if (c == null) return Read.gap(Gap.EMPTY, null);
    CellType type = c.getCellType();
    if (type == CellType.FORMULA) {
      if (uncached(c)) return Read.gap(Gap.UNCACHED, "=" + c.getCellFormula());
      type = c.getCachedFormulaResultType();
    }
    String s = switch (type) {
      case STRING -> c.getStringCellValue();
      case NUMERIC -> Cells.format(c.getNumericCellValue());
      case BOOLEAN -> c.getBooleanCellValue() ? "True" : "False";
      case ERROR -> {
        String e = errorString(c);
        yield "\u0000" + e;
      }
      default -> null;
    };
    if (s == null) return Read.gap(Gap.EMPTY, null);
    if (s.startsWith("\u0000")) return Read.gap(Gap.ERROR, s.substring(1));
    s = s.trim();
    if (s.isEmpty()) return Read.gap(Gap.EMPTY, null);
    if (Cells.errorText(s)) return Read.gap(Gap.ERROR, s);
    return Read.of(s);
  }

  /** A formula cell that no spreadsheet application has calculated: POI would read it as 0. */
  private static boolean uncached(Cell c) {
    if (c instanceof XSSFCell x) {
      var ct = x.getCTCell();
      if (!ct.isSetV()) return true;
      String v = ct.getV();
      return (v == null || v.isEmpty()) && c.getCachedFormulaResultType() != CellType.STRING;
    }
    return false;
  }

  private static String errorString(Cell c) {
    try {
      if (c instanceof XSSFCell x) return x.getErrorCellString();
      return "#ERROR";
    } catch (RuntimeException e) {
      return "#ERROR";
    }
  }

  /**
   * A quantity of a column: a numeric cell, or text with or without a unit, converted to the
   * inventory's unit (the header's unit for a bare number), held to [min, max] and, for counts, to
   * whole numbers.
   */
  Read<Double> quantity(Row row, Col col, Dim dim, double min, double max) {
    if (col.missing()) return Read.gap(Gap.EMPTY, null);
    Cell c = row == null ? null : row.getCell(col.index());
    double scale = scales.computeIfAbsent(dim.name() + "\0" + col.name(), k -> dim.headerScale(col.name()));
    Read<Double> out;
    CellType type = c == null ? CellType.BLANK : c.getCellType() == CellType.FORMULA && !uncached(c) ? c.getCachedFormulaResultType() : c.getCellType();
    if (type == CellType.NUMERIC) {
      out = Read.of(c.getNumericCellValue() * scale);
    } else {
      Read<String> t = read(c);
      if (!t.ok()) return t.failed();
      out = dim == Dim.COUNT ? countText(t.value()) : Cells.quantity(t.value(), dim, scale);
    }
    return Cells.checked(out, min, max, dim == Dim.COUNT);
  }

  private static Read<Double> countText(String t) {
    Read<Double> r = Cells.quantity(t, Dim.COUNT, 1.0);
    return r;
  }

  /** A whole-number quantity as a long. */
  Read<Long> whole(Row row, Col col, Dim dim, double min, double max) {
    Read<Double> r = quantity(row, col, dim, min, max);
    return r.ok() ? Read.of(Math.round(r.value())) : r.failed();
  }

  /** RVTools writes booleans as the text "True"/"False"; some versions as real booleans. */
  static Boolean bool(Row row, int column) {
    return boolRead(row, column).value();
  }

  static Read<Boolean> boolRead(Row row, int column) {
    Read<String> t = read(row, column);
    if (!t.ok()) return t.failed();
    return switch (t.value().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "y" -> Read.of(true);
      case "false", "no", "0", "n" -> Read.of(false);
      default -> Read.gap(Gap.NOT_UNDERSTOOD, t.value());
    };
  }

  private static boolean blank(Row r) {
    if (r == null) return true;
    for (Cell c : r) {
      Read<String> t = read(c);
      if (t.ok() || t.gap().bad()) return false;
    }
    return true;
  }
}
