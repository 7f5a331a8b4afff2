package io.vmotion.inventory.rvtools;

import io.vmotion.inventory.imports.Warnings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * One RVTools tab, read by header text: column order and presence change between RVTools versions
 * (and users delete columns), so every column is looked up by its name, case, spaces and
 * punctuation ignored, under any of its known names. The first non-blank row is the header.
 */
final class Table {

  private final String tab;
  private final Map<String, Integer> columns = new HashMap<>();
  private final Map<String, String> headers = new HashMap<>();
  private final List<Row> rows = new ArrayList<>();
  private final Warnings warnings;

  private Table(String tab, Sheet sheet, Warnings warnings) {
    this.tab = tab;
    this.warnings = warnings;
    Row header = null;
    for (Row r : sheet) {
      if (header == null) {
        if (!blank(r)) header = r;
        continue;
      }
      if (!blank(r)) rows.add(r);
    }
    if (header != null) {
      for (Cell c : header) {
        String text = text(c);
        if (text == null) continue;
        columns.putIfAbsent(key(text), c.getColumnIndex());
        headers.putIfAbsent(key(text), text);
      }
    }
  }

  /** The tab of this name (case and spaces ignored), or null with a warning when the workbook lacks it. */
  static Table find(Workbook wb, String tab, Warnings warnings, String consequence) {
    for (int i = 0; i < wb.getNumberOfSheets(); i++) {
      Sheet s = wb.getSheetAt(i);
      if (key(s.getSheetName()).equals(key(tab))) return new Table(tab, s, warnings);
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

  /** The header text of the column found for these names, or null. */
  String header(String... names) {
    for (String n : names) {
      String h = headers.get(key(n));
      if (h != null) return h;
    }
    return null;
  }

  static String text(Row row, int column) {
    if (row == null || column < 0) return null;
    return text(row.getCell(column));
  }

  static String text(Cell c) {
    if (c == null) return null;
    CellType type = c.getCellType() == CellType.FORMULA ? c.getCachedFormulaResultType() : c.getCellType();
    String s = switch (type) {
      case STRING -> c.getStringCellValue();
      case NUMERIC -> {
        double d = c.getNumericCellValue();
        yield d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
      }
      case BOOLEAN -> c.getBooleanCellValue() ? "True" : "False";
      default -> null;
    };
    if (s == null) return null;
    s = s.trim();
    return s.isEmpty() ? null : s;
  }

  /** A number in a numeric cell or in text such as "1,024" or "8192 MB"; null when there is none. */
  static Double number(Row row, int column) {
    String t = text(row, column);
    if (t == null) return null;
    String digits = t.replace(",", "").replaceAll("[^0-9.\\-].*$", "").trim();
    if (digits.isEmpty()) return null;
    try {
      return Double.parseDouble(digits);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Long whole(Row row, int column) {
    Double d = number(row, column);
    return d == null ? null : Math.round(d);
  }

  /** RVTools writes booleans as the text "True"/"False"; some versions as real booleans. */
  static Boolean bool(Row row, int column) {
    String t = text(row, column);
    if (t == null) return null;
    return switch (t.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "y" -> true;
      case "false", "no", "0", "n" -> false;
      default -> null;
    };
  }

  private static boolean blank(Row r) {
    if (r == null) return true;
    for (Cell c : r) {
      if (text(c) != null) return false;
    }
    return true;
  }
}
