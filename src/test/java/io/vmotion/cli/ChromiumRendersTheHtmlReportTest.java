package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The page of the bundled example as a person sees it: rendered by headless Chromium (Debian's
 * package), its DOM after the script ran, and a screenshot under target/report/ to look at. Never
 * skipped: without Chromium it fails and says how to get it.
 */
class ChromiumRendersTheHtmlReportTest {

  static final Path OUT = Path.of("target", "report");

  @Test
  void chromium_shows_the_readiness_counts_a_vm_row_the_matrix_and_a_rules_explanation() throws Exception {
    String chromium = chromium();
    Files.createDirectories(OUT);
    Path page = OUT.resolve("datacenter.html").toAbsolutePath();
    assertThat(Cli.run("validate", "--format", "html", "-o", page.toString()).code()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(Cli.run("validate", "--format", "json").out());

    Document dom = Jsoup.parse(run(chromium, "--dump-dom", page.toUri().toString()));
    for (String readiness : List.of("ready", "ready-with-warnings", "blocked", "unknown")) {
      assertThat(dom.selectFirst("#readiness td[data-readiness=" + readiness + "]").text()).isEqualTo(json.at("/summary/readiness/" + readiness).asText());
    }
    Element row = dom.select("#vm-table tbody tr:not(.g)").stream().filter(r -> r.child(0).text().equals("b-db-01")).findFirst().orElseThrow();
    assertThat(row.child(1).text()).isEqualTo("esx-b2");
    assertThat(row.child(2).text()).isEqualTo("0/3");
    assertThat(row.child(3).text()).isEqualTo("cpu.bios-disabled 1, cpu.features 1, host.state 1, network.vmotion-link 1, storage.bus-sharing 3");
    assertThat(dom.select("table.matrix tbody td.e")).hasSize(json.at("/summary/pairs").asInt() - compatible(json));
    Element rule = dom.getElementById("rule-host.state");
    assertThat(rule.selectFirst("h3").text()).isEqualTo("host.state The target is disconnected, not responding or in maintenance mode");
    assertThat(rule.select("dd").eachText()).contains(json.at("/rules/host.state/remediation").asText());
    // The script ran: it added the filters and counted the rows it shows.
    assertThat(dom.select(".controls select")).hasSize(3);
    assertThat(dom.selectFirst(".controls [aria-live]").text()).isEqualTo(json.get("vms").size() + " of " + json.get("vms").size() + " VMs shown");
    assertThat(dom.select("#vm-table button.sort")).hasSize(3);

    Path png = OUT.resolve("datacenter.png").toAbsolutePath();
    Files.deleteIfExists(png);
    run(chromium, "--window-size=1280,1800", "--screenshot=" + png, page.toUri().toString());
    byte[] head = Files.readAllBytes(png);
    assertThat(head.length).isGreaterThan(10_000);
    assertThat(new String(head, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }

  private static int compatible(JsonNode json) {
    int n = 0;
    for (JsonNode vm : json.get("vms")) n += vm.get("compatibleTargets").size() + vm.get("undecidedTargets").size();
    return n;
  }

  /** Debian's Chromium, or a failure that says how to install it: this test is never skipped. */
  static String chromium() {
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (new File(candidate).canExecute()) return candidate;
    }
    return fail("Chromium is missing, and the browser test needs it: install Debian's package with"
        + " 'apt-get install -y chromium' (.ci/run does so when it is missing). This test is never skipped.");
  }

  /** Runs headless Chromium with a fresh profile and no network of its own; returns what it printed on stdout. */
  static String run(String chromium, String... args) throws Exception {
    Path profile = Files.createTempDirectory("vmotion-chromium");
    Path stdout = Files.createTempFile("vmotion-chromium", ".out");
    Path stderr = Files.createTempFile("vmotion-chromium", ".err");
    try {
      List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("Chromium did not finish within 90 s: " + String.join(" ", cmd));
      }
      assertThat(p.exitValue()).as("Chromium's exit code; it said:\n" + Files.readString(stderr)).isZero();
      return Files.readString(stdout);
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }
}
