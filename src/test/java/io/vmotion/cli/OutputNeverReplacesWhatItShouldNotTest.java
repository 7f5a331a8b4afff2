package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.testing.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -o writes a report, and never in place of the input it was made from or of a device. */
class OutputNeverReplacesWhatItShouldNotTest {

  @TempDir Path dir;

  @Test
  void output_equal_to_the_inventory_is_refused_and_the_inventory_is_left_alone() throws Exception {
    Path inv = dir.resolve("inv.json");
    String json = Fixture.twoHosts().json();
    Files.writeString(inv, json);
    Cli r = Cli.run("validate", inv.toString(), "-o", inv.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("is the input").contains(inv.toString()).doesNotContain("\tat ");
    assertThat(Files.readString(inv)).isEqualTo(json);
  }

  @Test
  void output_equal_to_the_plan_or_through_another_path_is_refused_too() throws Exception {
    Path inv = dir.resolve("inv.json");
    Files.writeString(inv, Fixture.twoHosts().json());
    Path plan = dir.resolve("plan.json");
    Files.writeString(plan, "{\"migrations\": [{\"vm\": \"vm1\", \"target\": \"h2\"}]}");
    assertThat(Cli.run("validate", inv.toString(), "--plan", plan.toString(), "-o", plan.toString()).code()).isEqualTo(2);
    assertThat(Cli.run("validate", inv.toString(), "-o", dir.resolve("sub/../inv.json").toString()).code()).isEqualTo(2);
    assertThat(Files.readString(plan)).contains("migrations");
  }

  @Test
  void output_to_dev_null_writes_into_the_device_and_leaves_it_a_device() throws Exception {
    Path devNull = Path.of("/dev/null");
    Cli r = Cli.run("validate", "examples/clean.json", "-o", devNull.toString());
    assertThat(r.code()).isZero();
    assertThat(Files.isRegularFile(devNull)).isFalse();
    int mode = (Integer) Files.getAttribute(devNull, "unix:mode");
    assertThat(mode & 0170000).as("a character device (S_IFCHR)").isEqualTo(0020000);
  }

  @Test
  void output_to_a_symlink_writes_through_to_its_target_and_keeps_the_link() throws Exception {
    Path target = Files.writeString(dir.resolve("real.txt"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.txt"), Path.of("real.txt"));
    Cli r = Cli.run("validate", "examples/clean.json", "-o", link.toString());
    assertThat(r.code()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(target)).startsWith("vmotion validate examples/clean.json");
  }

  @Test
  void output_to_a_directory_is_refused() throws Exception {
    Cli r = Cli.run("validate", "examples/clean.json", "-o", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("is a directory");
  }

  @Test
  void import_refuses_to_write_over_its_own_input() throws Exception {
    Path dump = dir.resolve("dump.json");
    Files.copy(Path.of("src/test/resources/import/vsphere-vcsim-small.json"), dump);
    byte[] before = Files.readAllBytes(dump);
    Cli r = Cli.run("import", "vsphere", dump.toString(), "-o", dump.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(Files.readAllBytes(dump)).isEqualTo(before);
  }
}
