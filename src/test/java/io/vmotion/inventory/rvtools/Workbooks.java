package io.vmotion.inventory.rvtools;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Builds RVTools-like workbooks for tests: tabs with a header row and data rows. Numbers are written
 * as numeric cells and everything else as text, as RVTools does (it writes booleans as "True").
 * A null row is left blank, as real exports sometimes have.
 */
public final class Workbooks {

  private final Map<String, List<Object[]>> tabs = new LinkedHashMap<>();

  public Workbooks tab(String name, String... headers) {
    List<Object[]> rows = new ArrayList<>();
    rows.add(headers);
    tabs.put(name, rows);
    return this;
  }

  public Workbooks row(Object... values) {
    List<Object[]> rows = new ArrayList<>(tabs.values()).get(tabs.size() - 1);
    rows.add(values);
    return this;
  }

  public Workbooks blankRow() {
    return row((Object[]) null);
  }

  public Path write(Path file) throws Exception {
    try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
      for (Map.Entry<String, List<Object[]>> tab : tabs.entrySet()) {
        Sheet sheet = wb.createSheet(tab.getKey());
        int r = 0;
        for (Object[] values : tab.getValue()) {
          Row row = sheet.createRow(r++);
          if (values == null) continue;
          for (int c = 0; c < values.length; c++) {
            Object v = values[c];
            if (v == null) continue;
            Cell cell = row.createCell(c);
            if (v instanceof Number n) cell.setCellValue(n.doubleValue());
            else cell.setCellValue(v.toString());
          }
        }
      }
      wb.write(out);
    }
    return file;
  }
}
