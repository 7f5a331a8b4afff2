package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmotion.inventory.rvtools.WhyWorkbook;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export the project's issue started from: seven hosts in vHost with Max EVC
 * intel-cascadelake, VMs on hosts vHost lacks, no ESX Version column, no vLicense, no vNetwork.
 * What the export decides is decided; the rest is stated once.
 */
class ARealExportGetsRealVerdictsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void a_vm_requiring_icelake_gets_a_cpu_features_error_on_every_cascadelake_target() throws Exception {
    Path wb = WhyWorkbook.write(dir);
    Cli r = Cli.run("validate", wb.toString(), "--format", "json");
    assertThat(r.code()).isEqualTo(1);
    JsonNode report = JSON.readTree(r.out());
    List<String> blocked = new ArrayList<>();
    for (JsonNode f : report.get("findings")) {
      if (f.get("vm").asText().equals(WhyWorkbook.ICELAKE_VM) && f.get("rule").asText().equals("cpu.features")
          && f.get("severity").asText().equals("error")) {
        blocked.add(f.get("target").asText());
      }
    }
    assertThat(blocked).containsAll(WhyWorkbook.VHOST_HOSTS);
    JsonNode vm = null;
    for (JsonNode v : report.get("vms")) if (v.get("name").asText().equals(WhyWorkbook.ICELAKE_VM)) vm = v;
    assertThat(vm.get("compatibleTargets")).isEmpty();
    // Its only possible targets are hosts vHost lacks, whose CPU nothing tells.
    for (JsonNode t : vm.get("undecidedTargets")) assertThat(WhyWorkbook.MISSING_HOSTS).contains(t.asText());
    assertThat(report.at("/summary/readiness").size()).isEqualTo(4);
    assertThat(report.get("unknown").toString()).contains("host not in tab vHost").contains("tab vLicense is missing");
  }

  @Test
  void the_text_report_states_each_gap_once_and_gives_every_vm_a_readiness() throws Exception {
    Path wb = WhyWorkbook.write(dir);
    Cli r = Cli.run("validate", wb.toString());
    assertThat(r.out()).containsOnlyOnce("tab vLicense is missing: license unknown on")
        .containsOnlyOnce("host not in tab vHost:")
        .doesNotContain("not checked")
        .containsPattern(WhyWorkbook.ICELAKE_VM + " on [0-9.]+: (blocked|unknown), 0 compatible")
        .contains("ERROR cpu.features -> " + WhyWorkbook.VHOST_HOSTS.get(0));
    assertThat(r.out().lines().filter(l -> l.startsWith(WhyWorkbook.CASCADELAKE_VM + " on ")).findFirst().orElseThrow())
        .matches(".*: (ready|ready-with-warnings|blocked|unknown), .*");
  }
}
