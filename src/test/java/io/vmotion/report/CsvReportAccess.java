package io.vmotion.report;

/** Opens the CSV quoting to tests in other packages. */
public final class CsvReportAccess {
  private CsvReportAccess() {}

  public static String field(String value) {
    return CsvReport.field(new StringBuilder(), value).toString();
  }
}
