package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TheHtmlReportShowsWhatTheJsonReportSaysTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static String html;
  static Document page;
  static JsonNode json;

  @BeforeAll
  static void renderTheExampleBothWays() throws Exception {
    Cli r = Cli.run("validate", "--format", "html");
    assertThat(r.code()).isEqualTo(1);
    html = r.out();
    page = Jsoup.parse(html);
    json = JSON.readTree(Cli.run("validate", "--format", "json").out());
  }

  @Test
  void the_header_gives_the_readiness_counts_of_the_json_report() {
    for (String readiness : List.of("ready", "ready-with-warnings", "blocked", "unknown")) {
      assertThat(page.selectFirst("#readiness td[data-readiness=" + readiness + "]").text()).as(readiness)
          .isEqualTo(json.at("/summary/readiness/" + readiness).asText());
    }
    assertThat(page.selectFirst("#totals").text()).contains(json.get("vms").size() + " VMs", json.at("/summary/pairs").asInt() + " moves checked",
        json.at("/summary/errors").asInt() + " errors");
    assertThat(page.select("svg.bar rect")).isNotEmpty();
  }

  @Test
  void the_vm_table_has_one_row_per_vm_with_its_host_and_compatible_targets() {
    Elements rows = page.select("#vm-table tbody tr:not(.g)");
    assertThat(rows).hasSize(json.get("vms").size());
    for (JsonNode vm : json.get("vms")) {
      Element row = rows.stream().filter(r -> r.child(0).text().equals(vm.get("name").asText())).findFirst().orElseThrow();
      assertThat(row.child(1).text()).isEqualTo(vm.get("host").asText());
      assertThat(row.child(2).text()).startsWith(vm.get("compatibleTargets").size() + "/");
      assertThat(row.parent().attr("data-readiness")).isEqualTo(vm.get("readiness").asText());
      assertThat(row.select("td.d")).as("every VM's detail, at this size").hasSize(1);
    }
  }

  @Test
  void the_matrix_has_a_cell_per_move_marked_by_its_worst_verdict() {
    long pairs = json.at("/summary/pairs").asLong();
    long compatible = 0;
    long undecided = 0;
    for (JsonNode vm : json.get("vms")) {
      compatible += vm.get("compatibleTargets").size();
      undecided += vm.get("undecidedTargets").size();
    }
    Elements cells = page.select("table.matrix tbody td");
    assertThat(cells.stream().filter(c -> List.of("k", "w", "e", "u").contains(c.className())).count()).isEqualTo(pairs);
    assertThat(cells.stream().filter(c -> c.className().equals("e")).count()).isEqualTo(pairs - compatible - undecided);
    assertThat(page.select("table.matrix tbody td.s")).hasSize(json.get("vms").size());
    // A blocked cell names the rules that block it, as the JSON's findings do.
    Element adToEsxA4 = page.select("table.matrix tbody tr").stream().filter(r -> r.child(0).text().equals("ad-01")).findFirst().orElseThrow();
    assertThat(adToEsxA4.select("td.e").attr("title")).isEqualTo("error: vm.guest-os, vm.hardware-version");
    assertThat(adToEsxA4.select("td.e").text()).isEqualTo("\u2717");
  }

  @Test
  void the_root_cause_tables_list_the_json_reports_vms_with_no_target_and_its_causes_in_its_order() {
    List<String> noTarget = new ArrayList<>();
    json.get("noCompatibleTarget").forEach(n -> noTarget.add(n.asText()));
    assertThat(page.select("#no-target tbody th").eachText()).containsExactlyElementsOf(noTarget);
    Elements causes = page.select("#causes tbody tr");
    assertThat(causes).hasSize(json.get("causes").size());
    for (int i = 0; i < causes.size(); i++) {
      JsonNode c = json.get("causes").get(i);
      assertThat(causes.get(i).child(0).text()).isEqualTo(c.get("moves").asText());
      assertThat(causes.get(i).child(1).text()).isEqualTo(c.get("rule").asText());
      assertThat(causes.get(i).child(2).text()).contains(c.has("host") ? c.get("host").asText() : c.get("cluster").asText());
    }
  }

  @Test
  void each_bar_of_the_chart_links_to_its_rules_explanation_with_why_fix_and_fault() {
    Elements bars = page.select("svg.chart a");
    assertThat(bars).hasSize(page.select("#blockers-table tbody tr").size()).isNotEmpty();
    for (Element bar : bars) {
      String target = bar.attr("href").substring(1);
      Element rule = page.getElementById(target);
      assertThat(rule).as(target).isNotNull();
      assertThat(rule.select("dt").eachText()).contains("Severity", "Fix");
      String id = rule.selectFirst("h3 code").text();
      assertThat(bar.selectFirst("title").text()).startsWith(id + ": ");
      assertThat(rule.select("dd").eachText()).contains(json.at("/rules/" + id.replace("/", "~1") + "/remediation").asText());
    }
    Element hardware = page.getElementById("rule-vm.hardware-version");
    assertThat(hardware.select("dt").eachText()).contains("Why", "vSphere fault", "Docs");
  }

  @Test
  void the_page_loads_nothing_links_only_where_the_reader_clicks_and_has_a_print_stylesheet() {
    assertThat(page.select("script[src], link, img, iframe, object, embed, base, form, [style*=url]")).isEmpty();
    assertThat(page.select("script")).hasSize(1);
    assertThat(page.select("style")).hasSize(1);
    for (Element el : page.getAllElements()) {
      for (Attribute a : el.attributes()) {
        if (a.getValue().toLowerCase().matches("(?s).*https?:.*")) {
          assertThat(el.tagName() + " " + a.getKey()).as(a.getValue()).isEqualTo("a href");
        }
      }
    }
    String style = page.selectFirst("style").data();
    assertThat(style).doesNotContain("@import").doesNotContainPattern("url\\(").contains("@media print");
    assertThat(page.selectFirst("script").data()).doesNotContainPattern("https?:").doesNotContain("fetch(").doesNotContain("XMLHttpRequest");
    assertThat(page.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content")).startsWith("default-src 'none'");
    assertThat(page.select("a[href^=http]")).isNotEmpty().allSatisfy(a -> assertThat(a.attr("rel")).contains("noreferrer"));
  }

  @Test
  void tables_have_headers_and_verdicts_have_a_symbol_besides_their_colour() {
    for (Element table : page.select("table")) {
      assertThat(table.select("thead th")).as(table.id()).isNotEmpty();
    }
    assertThat(page.select("table.matrix tbody td.e").eachText()).containsOnly("\u2717");
    assertThat(page.select("table.matrix tbody td.k").eachText()).containsOnly("\u2713");
    assertThat(page.select("table.matrix tbody td.w").eachText()).containsOnly("!");
    assertThat(page.select("#vm-table tr.g span.e").eachText()).allMatch(t -> t.startsWith("\u2717 "));
  }

  @Test
  void every_svg_is_well_formed_xml() throws Exception {
    Matcher m = Pattern.compile("<svg\\b.*?</svg>", Pattern.DOTALL).matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
      DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.UTF_8)));
    }
    assertThat(n).isEqualTo(2);
  }

  @Test
  void hostile_vm_names_are_shown_as_text_and_never_run(@TempDir Path dir) throws Exception {
    Cli r = HostileNames.render("html");
    assertThat(r.code()).isEqualTo(1);
    Document hostile = Jsoup.parse(r.out());
    assertThat(hostile.select("script")).hasSize(1);
    assertThat(hostile.select("img")).isEmpty();
    Set<String> handlers = new HashSet<>();
    hostile.getAllElements().forEach(el -> el.attributes().forEach(a -> {
      if (a.getKey().startsWith("on")) handlers.add(el.tagName() + " " + a.getKey());
    }));
    assertThat(handlers).isEmpty();
    List<String> names = hostile.select("#vm-table tbody tr:not(.g) > th").stream().map(Element::wholeText).toList();
    assertThat(names).contains(HostileNames.SCRIPT, HostileNames.MARKUP, "evil\\n  ERROR forged -> esx-a1: all fine\\u001b[31m", "nul\\u0000esc\\u001bnon\\ufffe");
    assertThat(r.out()).doesNotContain("\u001b").doesNotContain("\u0000");
  }
}
