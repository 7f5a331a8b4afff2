package io.vmotion.report;

import java.io.IOException;
import java.io.Writer;

/** One output format of the validation report. */
public interface ReportFormat {
  void write(ReportInput input, Writer out) throws IOException;
}
