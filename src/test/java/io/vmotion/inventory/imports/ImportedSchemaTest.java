package io.vmotion.inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.vmotion.inventory.rvtools.RvToolsImporter;
import io.vmotion.inventory.rvtools.Workbooks;
import io.vmotion.inventory.vsphere.VsphereImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the importers write is inventory v1 by the documented schema too, not only by the reader. */
class ImportedSchemaTest {

  static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
      .getSchema(Path.of("docs/inventory.schema.json").toUri());

  @TempDir Path dir;

  @Test
  void the_vsphere_sample_import_is_valid_against_the_schema() throws Exception {
    ImportResult r = new VsphereImporter(RuleFacts.evc()).read(Path.of("src/test/resources/import/vsphere-vcsim-small.json"));
    assertThat(SCHEMA.validate(r.inventory())).isEmpty();
  }

  @Test
  void a_sparse_rvtools_import_with_defaults_is_valid_against_the_schema() throws Exception {
    Path wb = new Workbooks()
        .tab("vInfo", "VM", "Host", "Cluster", "Powerstate", "CPUs", "Memory", "Network #1", "Path")
        .row("a", "esx-1", "c1", "poweredOn", 2, 2048, "pg", "[ds] a/a.vmx")
        .row("b", "esx-2", "c1", "poweredOff", 1, 1024, null, null)
        .tab("vHost", "Host", "Cluster", "ESX Version", "Max EVC")
        .row("esx-1", "c1", "VMware ESXi 8.0.1 build-1", "amd-zen3")
        .write(dir.resolve("sparse.xlsx"));
    ImportResult r = new RvToolsImporter(RuleFacts.evc(), RuleFacts.guestLabels()).read(wb);
    assertThat(SCHEMA.validate(r.inventory())).isEmpty();
    RuleFacts.readBack(r);
  }
}
