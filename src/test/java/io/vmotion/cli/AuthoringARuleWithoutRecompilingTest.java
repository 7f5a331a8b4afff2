package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.testing.Fixture;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise end to end: a new rule and its cases, written to a folder at run time, are
 * picked up by validate --rules and rules test with nothing rebuilt.
 */
class AuthoringARuleWithoutRecompilingTest {

  @TempDir Path dir;

  static final String RULE = """
      package org.acme.site;

      import io.vmotion.rules.facts.Move;

      global io.vmotion.rules.Findings findings;

      rule "jumbo frames"
        @id("site.vmotion-mtu")
        @severity("warning")
        @title("The target's vMotion network does not use jumbo frames")
        @remediation("Set MTU 9000 on the target's vMotion VMkernel adapter and its switch.")
        @explain("Our site standard: vMotion runs on jumbo frames so that large VMs converge.")
        @docs("https://wiki.example.com/vmotion-mtu")
      when
        $m : Move( $t : target )
        eval( largestMtu($t) < 9000 )
      then
        findings.report(kcontext, $m, "target " + $t.getName() + " has no vMotion adapter with MTU 9000");
      end

      function int largestMtu(io.vmotion.rules.facts.HostFact host) {
        int max = 0;
        for (io.vmotion.inventory.VmotionNic nic : host.getVmotionNics()) max = Math.max(max, nic.mtu());
        return max;
      }
      """;

  Path ruleFolder() throws Exception {
    Path rules = dir.resolve("site-rules");
    Files.createDirectories(rules.resolve("cases"));
    Files.writeString(rules.resolve("mtu.drl"), RULE);
    String small = Fixture.twoHosts().with(f ->
        ((com.fasterxml.jackson.databind.node.ObjectNode) f.host(1).withArray("vmotionNics").get(0)).put("mtu", 1500)).json();
    Files.writeString(rules.resolve("cases/mtu-1500.case.json"),
        "{\"inventory\": " + small + ", \"expect\": [{\"rule\": \"site.vmotion-mtu\", \"vm\": \"vm1\", \"target\": \"h2\", \"severity\": \"warning\"}]}");
    Files.writeString(rules.resolve("cases/mtu-9000.case.json"),
        "{\"inventory\": " + Fixture.twoHosts().json() + ", \"expectNot\": [{\"rule\": \"site.vmotion-mtu\", \"vm\": \"vm1\", \"target\": \"h2\"}]}");
    Files.writeString(dir.resolve("inv.json"), small);
    return rules;
  }

  @Test
  void a_rule_written_at_run_time_shows_in_validate_and_its_cases_pass_in_rules_test() throws Exception {
    Path rules = ruleFolder();
    Cli v = Cli.run("validate", dir.resolve("inv.json").toString(), "--rules", rules.toString());
    assertThat(v.code()).isZero();
    assertThat(v.out()).contains("  WARNING site.vmotion-mtu -> h2: target h2 has no vMotion adapter with MTU 9000\n");
    // The built-in network.vmotion-mtu sees the same mismatch from its side: source and target differ.
    assertThat(v.out()).contains("  WARNING network.vmotion-mtu -> h2: source h1 has vMotion adapters of MTU 9000, target h2 of MTU 1500\n");
    assertThat(v.out()).contains("0 errors, 2 warnings");

    Cli t = Cli.run("rules", "test", rules.toString());
    assertThat(t.out()).isEqualTo("PASS mtu-1500\nPASS mtu-9000\n2 passed, 0 failed\n");
    assertThat(t.code()).isZero();

    Cli e = Cli.run("explain", "site.vmotion-mtu", "--rules", rules.toString());
    assertThat(e.out()).contains("Our site standard", "https://wiki.example.com/vmotion-mtu");
  }

  @Test
  void the_same_in_a_fresh_class_loader_that_shares_nothing_with_the_test() throws Exception {
    Path rules = ruleFolder();
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.endsWith("test-classes")) continue;
      urls.add(Path.of(entry).toUri().toURL());
    }
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Class<?> main = loader.loadClass("io.vmotion.cli.Main");
      assertThat(main.getClassLoader()).isSameAs(loader);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Object m = main.getConstructor(PrintStream.class, PrintStream.class)
          .newInstance(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      ClassLoader previous = Thread.currentThread().getContextClassLoader();
      Thread.currentThread().setContextClassLoader(loader);
      try {
        int code = (int) main.getMethod("run", String[].class).invoke(m, (Object) new String[] {"validate", dir.resolve("inv.json").toString(), "--rules", rules.toString()});
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("WARNING site.vmotion-mtu -> h2");
        out.reset();
        code = (int) main.getMethod("run", String[].class).invoke(m, (Object) new String[] {"rules", "test", rules.toString()});
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("2 passed, 0 failed\n");
        assertThat(code).isZero();
      } finally {
        Thread.currentThread().setContextClassLoader(previous);
      }
    }
  }

  @Test
  void the_worked_example_folder_passes_its_cases_and_warns_about_the_vgpu_vm_on_a_slow_link() {
    Cli t = Cli.run("rules", "test", "examples/rules/passthrough");
    assertThat(t.code()).isZero();
    assertThat(t.out()).endsWith("4 passed, 0 failed\n");
    Cli v = Cli.run("validate", "examples/rules/passthrough/inventory.json", "--rules", "examples/rules/passthrough");
    // A warning: the built-in devices.vgpu lets the move go (about 69 s of stun), the site rule asks for 10 GbE.
    assertThat(v.code()).isZero();
    assertThat(v.out()).contains("WARNING site.vgpu-needs-10gbe -> h2: VM ml-train-01 has a vGPU and would move over a 1000 Mbit/s vMotion link");
    assertThat(v.out()).doesNotContain("site.vgpu-needs-10gbe -> h2: VM web-01");
  }

  @Test
  void the_worked_example_is_not_part_of_the_built_in_set_and_devices_passthrough_is() throws Exception {
    assertThat(Cli.run("rules", "list").out()).doesNotContain("site.vgpu-needs-10gbe").contains("devices.passthrough");
    try (Stream<Path> files = Files.walk(Path.of("rules"))) {
      assertThat(files.map(Path::toString)).noneMatch(p -> p.contains("vgpu-needs-10gbe"));
    }
  }
}
