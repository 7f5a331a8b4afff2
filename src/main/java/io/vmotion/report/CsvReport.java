package io.vmotion.report;

import io.vmotion.rules.CheckedVm;
import io.vmotion.rules.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;

/**
 * For spreadsheets: one row per finding (rule, severity, vm, source, target, message, fix, the VM's
 * readiness, waived, reason), quoted as RFC 4180 says (CRLF rows, a field with a comma, quote or
 * line break in quotes, quotes doubled), and UTF-8 with a byte order mark, which is how Excel knows
 * the file is UTF-8. A field that a spreadsheet would take for a formula ({@code = + - @}, tab or
 * carriage return first) gets a leading apostrophe, so a hostile VM name is shown, never computed.
 */
public final class CsvReport implements ReportFormat {

  static final String HEADER = "rule,severity,vm,source,target,message,fix,readiness,waived,reason";

  @Override
  public void write(ReportInput input, Writer out) throws IOException {
    Map<String, String> readiness = new HashMap<>();
    for (CheckedVm vm : input.evaluation().vms()) readiness.put(vm.name(), vm.readiness().json());
    out.write('\ufeff');
    out.write(HEADER + "\r\n");
    StringBuilder row = new StringBuilder(256);
    for (Finding f : input.findings()) {
      row.setLength(0);
      field(row, f.rule()).append(',');
      field(row, f.severity().json()).append(',');
      field(row, f.vm()).append(',');
      field(row, f.source()).append(',');
      field(row, f.target()).append(',');
      field(row, f.message()).append(',');
      field(row, f.remediation()).append(',');
      field(row, readiness.getOrDefault(f.vm(), "")).append(',');
      field(row, f.waived() ? "true" : "false").append(',');
      field(row, f.waived() ? f.waiver() : "");
      out.write(row.append("\r\n").toString());
    }
  }

  static StringBuilder field(StringBuilder row, String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) v = "'" + v;
    boolean quote = false;
    for (int i = 0; i < v.length() && !quote; i++) {
      char c = v.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) return row.append(v);
    return row.append('"').append(v.replace("\"", "\"\"")).append('"');
  }
}
