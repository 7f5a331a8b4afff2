package io.vmotion.inventory.rvtools;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Builds RVTools-like workbooks for tests: tabs with a header row and data rows. Numbers are written
 * as numeric cells and everything else as text, as RVTools does (it writes booleans as "True").
 * A null row is left blank, as real exports sometimes have. {@link #error}, {@link #formula} and
 * {@link #bool} make the cells real exports and hand-edited workbooks also hold; {@link #titleRow}
 * and {@link #merge} shape the rows above a header.
 */
public final class Workbooks {

  /** An error cell, e.g. {@code error("#DIV/0!")}. */
  public record Error(String code) {}

  /** A formula no spreadsheet application has calculated: no cached value. */
  public record Formula(String formula) {}

  /** A real boolean cell. */
  public record Bool(boolean value) {}

  public static Error error(String code) {
    return new Error(code);
  }

  public static Formula formula(String formula) {
    return new Formula(formula);
  }

  public static Bool bool(boolean value) {
    return new Bool(value);
  }

  private static final class Tab {
    final List<Object[]> rows = new ArrayList<>();
    final List<CellRangeAddress> merges = new ArrayList<>();
    int header;
  }

  private final Map<String, Tab> tabs = new LinkedHashMap<>();

  public Workbooks tab(String name, String... headers) {
    Tab t = new Tab();
    t.rows.add(headers);
    // A tab given again replaces the earlier one and takes the rows that follow.
    tabs.remove(name);
    tabs.put(name, t);
    return this;
  }

  private Tab last() {
    return new ArrayList<>(tabs.values()).get(tabs.size() - 1);
  }

  public Workbooks row(Object... values) {
    last().rows.add(values);
    return this;
  }

  public Workbooks blankRow() {
    return row((Object[]) null);
  }

  /** A row above the current tab's header (a report title, an export date); several stack in order. */
  public Workbooks titleRow(Object... values) {
    Tab t = last();
    t.rows.add(t.header, values);
    t.header++;
    return this;
  }

  /** Merges cells of the current tab; rows and columns are 0-based sheet indices. */
  public Workbooks merge(int firstRow, int lastRow, int firstColumn, int lastColumn) {
    last().merges.add(new CellRangeAddress(firstRow, lastRow, firstColumn, lastColumn));
    return this;
  }

  public Path write(Path file) throws Exception {
    try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
      for (Map.Entry<String, Tab> tab : tabs.entrySet()) {
        Sheet sheet = wb.createSheet(tab.getKey());
        int r = 0;
        for (Object[] values : tab.getValue().rows) {
          Row row = sheet.createRow(r++);
          if (values == null) continue;
          for (int c = 0; c < values.length; c++) {
            Object v = values[c];
            if (v == null) continue;
            Cell cell = row.createCell(c);
            if (v instanceof Number n) cell.setCellValue(n.doubleValue());
            else if (v instanceof Bool b) cell.setCellValue(b.value());
            else if (v instanceof Error e) cell.setCellErrorValue(FormulaError.forString(e.code()).getCode());
            else if (v instanceof Formula f) {
              cell.setCellFormula(f.formula());
              XSSFCell x = (XSSFCell) cell;
              if (x.getCTCell().isSetV()) x.getCTCell().unsetV();
            } else cell.setCellValue(v.toString());
          }
        }
        for (CellRangeAddress m : tab.getValue().merges) sheet.addMergedRegion(m);
      }
      wb.write(out);
    }
    return file;
  }
}
