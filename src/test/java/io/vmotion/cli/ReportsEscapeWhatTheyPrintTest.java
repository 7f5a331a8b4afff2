package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportsEscapeWhatTheyPrintTest {

  @TempDir Path dir;

  @Test
  void a_newline_or_esc_in_a_vm_name_neither_forges_a_line_nor_reaches_the_terminal_in_text_and_summary() throws Exception {
    for (String format : new String[] {"text", "summary"}) {
      Cli r = HostileNames.render(format);
      assertThat(r.code()).as(format).isEqualTo(1);
      // Only the report's own line breaks: no control character but newline survives.
      assertThat(r.out().chars().filter(c -> c < 0x20 && c != '\n').count()).as(format).isZero();
      assertThat(r.out()).as(format).doesNotContainPattern("(?m)^  ERROR forged").doesNotContain("\ufffe")
          .contains("evil\\n  ERROR forged -> esx-a1: all fine\\u001b[31m").contains("nul\\u0000esc\\u001bnon\\ufffe");
    }
  }

  @Test
  void a_name_starting_with_spaces_cannot_pass_for_one_of_the_reports_indented_lines() {
    assertThat(io.vmotion.report.Escape.lineStart("  ERROR x")).isEqualTo("\\u0020\\u0020ERROR x");
    assertThat(io.vmotion.report.Escape.text("ok name")).isEqualTo("ok name");
    assertThat(io.vmotion.report.Escape.text("bidi\u202eevil")).isEqualTo("bidi\\u202eevil");
    assertThat(io.vmotion.report.Escape.text("lone\ud800")).isEqualTo("lone\\ud800");
    assertThat(io.vmotion.report.Escape.text("pair\ud83d\ude00")).isEqualTo("pair\ud83d\ude00");
  }

  @Test
  void junit_xml_stays_well_formed_with_characters_xml_forbids_and_shows_them_visibly() throws Exception {
    Cli r = HostileNames.render("junit");
    assertThat(r.code()).isEqualTo(1);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
    NodeList suites = doc.getElementsByTagName("testsuite");
    boolean found = false;
    for (int i = 0; i < suites.getLength(); i++) {
      found |= ((Element) suites.item(i)).getAttribute("name").equals("nul\\u0000esc\\u001bnon\\ufffe");
    }
    assertThat(found).as("the VM's suite, named with visible escapes").isTrue();
    assertThat(r.out()).contains(HostileNames.SCRIPT.replace("<", "&lt;").replace("\"", "&quot;").substring(0, 10));
  }
}
