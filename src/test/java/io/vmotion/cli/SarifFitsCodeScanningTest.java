package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.vmotion.report.ReportOptions.SarifGranularity;
import io.vmotion.report.SarifReport;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SarifFitsCodeScanningTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void above_githubs_25000_results_the_default_is_one_result_per_cause() {
    assertThat(SarifReport.granularity(null, 25_000)).isEqualTo(SarifGranularity.FINDING);
    assertThat(SarifReport.granularity(null, 25_001)).isEqualTo(SarifGranularity.CAUSE);
    assertThat(SarifReport.granularity(SarifGranularity.FINDING, 1_000_000)).isEqualTo(SarifGranularity.FINDING);
  }

  @Test
  void a_cause_result_stands_for_one_rule_on_one_host_with_its_vms_and_count_and_is_valid_sarif() throws Exception {
    JsonNode sarif = JSON.readTree(Cli.run("validate", "--format", "sarif", "--sarif-granularity", "cause").out());
    JsonSchema schema;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("schema/sarif-schema-2.1.0.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    assertThat(schema.validate(sarif)).isEmpty();
    JsonNode json = JSON.readTree(Cli.run("validate", "--format", "json").out());
    Set<String> groups = new HashSet<>();
    json.get("findings").forEach(f -> groups.add(f.get("rule").asText() + " " + f.get("target").asText() + " " + f.get("severity").asText()));
    JsonNode results = sarif.at("/runs/0/results");
    assertThat(results).hasSize(groups.size());
    assertThat(sarif.at("/runs/0/properties/granularity").asText()).isEqualTo("cause");
    long total = 0;
    for (JsonNode r : results) total += r.at("/properties/count").asLong();
    assertThat(total).isEqualTo(json.get("findings").size());
    JsonNode maintenance = null;
    for (JsonNode r : results) if (r.get("ruleId").asText().equals("host.state")) maintenance = r;
    assertThat(maintenance.at("/properties/target").asText()).isEqualTo("esx-b4");
    assertThat(maintenance.at("/properties/count").asInt()).isEqualTo(8);
    assertThat(maintenance.at("/properties/vms")).hasSize(8);
    assertThat(maintenance.at("/message/text").asText()).startsWith("The target is disconnected, not responding or in maintenance mode on target esx-b4: 8 moves of 8 VMs");
    assertThat(maintenance.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(lineOf("hosts", "esx-b4"));
  }

  @Test
  void each_finding_points_at_its_vms_line_in_the_inventory() throws Exception {
    JsonNode sarif = JSON.readTree(Cli.run("validate", "--format", "sarif").out());
    assertThat(sarif.at("/runs/0/properties/granularity").asText()).isEqualTo("finding");
    for (JsonNode r : sarif.at("/runs/0/results")) {
      String vm = r.at("/properties/vm").asText();
      assertThat(r.at("/locations/0/physicalLocation/region/startLine").asInt()).as(vm).isEqualTo(lineOf("vms", vm));
    }
  }

  /** The line where the object named {@code name} opens in the example's {@code array}: its "name" is the first field, one line down. */
  static int lineOf(String array, String name) throws Exception {
    List<String> lines = Files.readAllLines(Path.of("examples/datacenter.json"));
    int start = lines.indexOf("  \"" + array + "\": [");
    for (int i = start; i < lines.size(); i++) {
      if (lines.get(i).trim().equals("\"name\": \"" + name + "\",")) return i;
    }
    throw new AssertionError(name + " is not in " + array);
  }
}
