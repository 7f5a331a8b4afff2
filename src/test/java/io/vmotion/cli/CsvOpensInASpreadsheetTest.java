package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvOpensInASpreadsheetTest {

  @Test
  void one_row_per_finding_with_the_vms_readiness_after_a_bom_and_a_header(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("report.csv");
    assertThat(Cli.run("validate", "--format", "csv", "-o", csv.toString()).code()).isEqualTo(1);
    byte[] bytes = Files.readAllBytes(csv);
    assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);
    List<List<String>> rows = parse(new String(bytes, StandardCharsets.UTF_8).substring(1));
    assertThat(rows.get(0)).containsExactly("rule", "severity", "vm", "source", "target", "message", "fix", "readiness", "waived", "reason");
    JsonNode json = new ObjectMapper().readTree(Cli.run("validate", "--format", "json").out());
    assertThat(rows).hasSize(json.get("findings").size() + 1);
    JsonNode first = json.get("findings").get(0);
    assertThat(rows.get(1).subList(0, 6)).containsExactly(first.get("rule").asText(), first.get("severity").asText(), first.get("vm").asText(),
        first.get("source").asText(), first.get("target").asText(), first.get("message").asText());
    assertThat(rows.get(1).get(7)).isEqualTo("ready");
    assertThat(rows.get(1).get(8)).isEqualTo("false");
  }

  @Test
  void commas_quotes_and_line_breaks_are_quoted_as_rfc_4180_says_and_formulas_are_not_computed(@TempDir Path dir) throws Exception {
    String csv = HostileNames.render("csv").out();
    assertThat(csv).contains("\r\n").doesNotContainPattern("[^\r]\n(?=[a-z])");
    List<String> vms = new ArrayList<>();
    for (List<String> row : parse(csv.substring(1))) vms.add(row.get(2));
    assertThat(vms).contains(HostileNames.MARKUP, HostileNames.FORGER, HostileNames.SCRIPT);
    assertThat(io.vmotion.report.CsvReportAccess.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(io.vmotion.report.CsvReportAccess.field("-1")).isEqualTo("'-1");
  }

  /** RFC 4180, strictly: CRLF between records, quoted fields may hold anything, quotes doubled. */
  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        assertThat(c).as("a bare line break outside quotes").isNotIn('\r', '\n');
        field.append(c);
      }
    }
    assertThat(field).as("the last record ends with CRLF").isEmpty();
    return rows;
  }
}
