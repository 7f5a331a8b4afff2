package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** An import's gaps reach the report: a check whose facts the import filled in says "not checked". */
class ImportedGapsAreNotCheckedTest {

  @Test
  void the_vcsim_dump_has_no_licenses_so_license_vmotion_reports_not_checked_instead_of_passing() throws Exception {
    Path dump = Path.of("src/test/resources/import/vsphere-vcsim-small.json");
    Cli imported = Cli.run("import", "vsphere", dump.toString());
    assertThat(imported.code()).isZero();
    JsonNode inventory = new ObjectMapper().readTree(imported.out());
    inventory.get("hosts").forEach(h -> assertThat(h.get("unknown").toString()).contains("license"));

    Cli r = Cli.run("validate", dump.toString(), "--format", "json");
    JsonNode findings = new ObjectMapper().readTree(r.out()).get("findings");
    assertThat(findings).isNotEmpty();
    assertThat(findings).filteredOn(f -> f.get("rule").asText().equals("license.vmotion")).isNotEmpty()
        .allSatisfy(f -> {
          assertThat(f.get("severity").asText()).isEqualTo("info");
          assertThat(f.get("message").asText()).startsWith("not checked:");
        });
  }
}
