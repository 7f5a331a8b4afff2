package io.vmotion.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmotion.inventory.InventoryReader;
import io.vmotion.testing.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

class RuleLayeringTest {

  @TempDir Path dir;

  static String rule(String pkg, String name, String id, String severity, String when, String message) {
    return "package " + pkg + ";\n\n"
        + "import io.vmotion.rules.facts.Move;\n\n"
        + "global io.vmotion.rules.Findings findings;\n\n"
        + ruleOnly(name, id, severity, when, message);
  }

  static String ruleOnly(String name, String id, String severity, String when, String message) {
    return "rule \"" + name + "\"\n"
        + "  @id(\"" + id + "\")\n"
        + "  @severity(\"" + severity + "\")\n"
        + "  @title(\"t\")\n"
        + "  @remediation(\"r\")\n"
        + "when\n"
        + "  $m : Move( " + when + " )\n"
        + "then\n"
        + "  findings.report(kcontext, $m, \"" + message + "\");\n"
        + "end\n";
  }

  Path folder(String name, String... fileAndText) throws Exception {
    Path d = dir.resolve(name);
    Files.createDirectories(d);
    for (int i = 0; i < fileAndText.length; i += 2) Files.writeString(d.resolve(fileAndText[i]), fileAndText[i + 1]);
    return d;
  }

  static RuleBase build(Path... folders) throws Exception {
    List<RuleSource> sources = new ArrayList<>();
    sources.add(RuleSource.builtin());
    for (Path f : folders) sources.add(RuleSource.folder(f));
    return RuleBase.build(sources);
  }

  static Evaluation evaluate(RuleBase rules, Fixture f) throws Exception {
    var inv = new InventoryReader(rules.data().evcModes()).read("fixture.json", f.json());
    return new Evaluator(rules).evaluate(inv, Scope.CLUSTER);
  }

  static List<String> kieRuleNames(RuleBase rules) {
    List<String> out = new ArrayList<>();
    for (KiePackage p : rules.kieBase().getKiePackages()) for (Rule r : p.getRules()) out.add(p.getName() + "/" + r.getName());
    return out;
  }

  @Test
  void a_folder_rule_with_a_built_in_id_replaces_it_and_the_built_in_rule_no_longer_fires() throws Exception {
    Path mine = folder("mine", "host.drl",
        rule("com.example.mine", "my host state", "host.state", "warning", "target.maintenanceMode", "mine: maintenance"));
    RuleBase rules = build(mine);

    assertThat(rules.rule("host.state").severity()).isEqualTo(Severity.WARNING);
    assertThat(rules.rule("host.state").file()).isEqualTo(mine.resolve("host.drl").toString());
    assertThat(rules.replaced()).containsKey("host.state");
    assertThat(kieRuleNames(rules)).contains("com.example.mine/my host state").doesNotContain("io.vmotion.rules.builtin/host.state");
    // The built-in rule fires on a disconnected target; the replacement does not.
    Evaluation disconnected = evaluate(rules, Fixture.twoHosts().with(f -> f.host(1).put("state", "disconnected")));
    assertThat(disconnected.findings()).isEmpty();
    Evaluation maintenance = evaluate(rules, Fixture.twoHosts().with(f -> f.host(1).put("maintenanceMode", true)));
    assertThat(maintenance.findings()).singleElement().satisfies(x -> {
      assertThat(x.rule()).isEqualTo("host.state");
      assertThat(x.severity()).isEqualTo(Severity.WARNING);
      assertThat(x.message()).isEqualTo("mine: maintenance");
    });
  }

  @Test
  void replacing_one_rule_of_a_built_in_file_keeps_its_other_rules_and_functions() throws Exception {
    Path mine = folder("mine", "vendor.drl",
        rule("com.example.mine", "vendor", "cpu.vendor", "info", "source.cpuVendor != target.cpuVendor", "mine: vendor"));
    RuleBase rules = build(mine);
    assertThat(kieRuleNames(rules)).doesNotContain("io.vmotion.rules.builtin/cpu.vendor").contains("io.vmotion.rules.builtin/cpu.bios-disabled");
    // cpu.bios-disabled calls the function biosSettings of the same built-in file.
    Evaluation e = evaluate(rules, Fixture.twoHosts().with(f -> f.host(1).with("cpu").set("biosDisabled", Fixture.strings("aes"))));
    assertThat(e.findings()).extracting(Finding::rule).containsExactly("cpu.bios-disabled");
    assertThat(e.findings().get(0).message()).contains("AES-NI");
  }

  @Test
  void an_edited_copy_of_a_whole_built_in_file_in_the_built_in_package_replaces_it_without_clashing() throws Exception {
    String network = Files.readString(Path.of("rules/network.drl")).replace("< 1000", "< 10000");
    Path mine = folder("mine", "network.drl", network);
    RuleBase rules = build(mine);
    assertThat(rules.replaced()).containsOnlyKeys("network.vmotion-nic", "network.port-group", "network.vmotion-link", "network.vmotion-mtu",
        "network.vmotion-network-name");
    Evaluation e = evaluate(rules, Fixture.twoHosts().with(f -> f.host(1).withArray("vmotionNics").get(0)));
    assertThat(e.findings()).isEmpty();
    Evaluation slow = evaluate(rules, Fixture.twoHosts().with(f ->
        ((com.fasterxml.jackson.databind.node.ObjectNode) f.host(1).withArray("vmotionNics").get(0)).put("speedMbps", 5000)));
    assertThat(slow.findings()).extracting(Finding::rule).containsExactly("network.vmotion-nic");
  }

  @Test
  void the_repository_rules_folder_layered_on_the_built_in_set_replaces_every_built_in_rule() throws Exception {
    RuleBase rules = build(Path.of("rules"));
    assertThat(rules.replaced().keySet()).containsExactlyInAnyOrderElementsOf(Rules.folder().rules().stream().map(RuleInfo::id).toList());
    assertThat(rules.rules()).allSatisfy(r -> assertThat(r.file()).startsWith("rules"));
  }

  @Test
  void a_later_folder_replaces_a_rule_of_an_earlier_folder() throws Exception {
    Path a = folder("a", "x.drl", rule("com.example.a", "x", "site.x", "error", "target.maintenanceMode", "from a"));
    Path b = folder("b", "x.drl", rule("com.example.b", "x", "site.x", "info", "target.maintenanceMode", "from b"));
    RuleBase rules = build(a, b);
    assertThat(rules.rule("site.x").severity()).isEqualTo(Severity.INFO);
    Evaluation e = evaluate(rules, Fixture.twoHosts().with(f -> f.host(1).put("maintenanceMode", true)));
    assertThat(e.findings()).filteredOn(x -> x.rule().equals("site.x")).extracting(Finding::message).containsExactly("from b");
  }

  @Test
  void a_new_rule_in_its_own_package_reports_through_the_findings_global() throws Exception {
    Path mine = folder("mine", "big.drl", rule("org.acme.checks", "big", "acme.big-vm", "warning", "vm.vcpus > 2", "big VM"));
    RuleBase rules = build(mine);
    Evaluation e = evaluate(rules, Fixture.twoHosts());
    assertThat(e.findings()).extracting(Finding::rule, Finding::severity).containsExactly(org.assertj.core.groups.Tuple.tuple("acme.big-vm", Severity.WARNING));
  }

  @Test
  void without_the_built_in_set_only_the_folder_rules_are_loaded() throws Exception {
    Path mine = folder("mine", "big.drl", rule("org.acme.checks", "big", "acme.big-vm", "warning", "vm.vcpus > 2", "big VM"));
    RuleBase rules = RuleBase.build(List.of(RuleSource.folder(mine)));
    assertThat(rules.rules()).extracting(RuleInfo::id).containsExactly("acme.big-vm");
    assertThat(rules.data().evcModes()).isEmpty();
  }

  @Test
  void a_folder_whose_rules_never_use_the_findings_global_still_evaluates() throws Exception {
    Path mine = folder("mine", "quiet.drl", """
        package org.acme;
        import io.vmotion.rules.facts.Move;
        rule "quiet"
          @id("acme.quiet") @severity("info") @title("t") @remediation("r")
        when
          Move()
        then
        end
        """);
    RuleBase rules = RuleBase.build(List.of(RuleSource.folder(mine)));
    assertThat(evaluate(rules, Fixture.twoHosts()).findings()).isEmpty();
  }

  @Test
  void two_rules_with_one_id_in_one_folder_are_a_problem_at_the_second_naming_the_first() throws Exception {
    Path mine = folder("mine", "dup.drl",
        rule("org.acme", "one", "acme.dup", "error", "", "1") + "\n" + ruleOnly("two", "acme.dup", "error", "", "2"));
    assertThatThrownBy(() -> build(mine)).isInstanceOfSatisfying(RuleBuildException.class, e ->
        assertThat(e.render()).contains(mine.resolve("dup.drl") + ":18:1: duplicate rule id \"acme.dup\", also declared at " + mine.resolve("dup.drl") + ":7"));
  }

  @Test
  void missing_and_malformed_metadata_are_reported_at_the_line_of_the_rule() throws Exception {
    Path mine = folder("mine", "bad.drl", """
        package org.acme;
        import io.vmotion.rules.facts.Move;

        rule "no title"
          @id("acme.no-title")
          @severity("fatal")
        when
          Move()
        then
        end

        rule "bad id"
          @id("Acme No Good")
          @severity("error") @title("t") @remediation("r") @docs("see the wiki")
        when
          Move()
        then
        end
        """);
    assertThatThrownBy(() -> build(mine)).isInstanceOfSatisfying(RuleBuildException.class, e -> {
      String out = e.render();
      String file = mine.resolve("bad.drl").toString();
      assertThat(out).contains(file + ":4:1: rule \"no title\" lacks metadata @title, @remediation");
      assertThat(out).contains(file + ":4:1: rule \"no title\": @severity must be error, warning or info, found \"fatal\"");
      assertThat(out).contains(file + ":12:1: rule \"bad id\": @id \"Acme No Good\" is malformed");
      assertThat(out).contains(file + ":12:1: rule \"bad id\": @docs must be an http(s) link");
      assertThat(out).contains("rule \"no title\"\n^\n");
    });
  }

  @Test
  void a_constraint_on_an_unknown_field_is_reported_at_its_file_line_and_column_once() throws Exception {
    Path mine = folder("mine", "typo.drl", rule("org.acme", "typo", "acme.typo", "error", "vm.vcpu > 2", "x"));
    assertThatThrownBy(() -> build(mine)).isInstanceOfSatisfying(RuleBuildException.class, e -> {
      assertThat(e.problems()).hasSize(1);
      RuleProblem p = e.problems().get(0);
      assertThat(p.file()).isEqualTo(mine.resolve("typo.drl").toString());
      assertThat(p.line()).isEqualTo(13);
      assertThat(p.column()).isEqualTo(14);
      assertThat(p.render()).contains("  $m : Move( vm.vcpu > 2 )\n             ^\n");
    });
  }

  @Test
  void an_unknown_name_in_a_consequence_is_pointed_at_in_the_consequence() throws Exception {
    Path mine = folder("mine", "then.drl", rule("org.acme", "then", "acme.then", "error", "", "x").replace("\"x\"", "nosuchvar"));
    assertThatThrownBy(() -> build(mine)).isInstanceOfSatisfying(RuleBuildException.class, e -> {
      RuleProblem p = e.problems().get(0);
      assertThat(p.line()).isEqualTo(15);
      assertThat(p.message()).contains("in the consequence: nosuchvar cannot be resolved");
      assertThat(p.sourceLine()).contains("nosuchvar");
      assertThat(p.column()).isEqualTo(p.sourceLine().indexOf("nosuchvar") + 1);
    });
  }

  @Test
  void a_syntax_error_is_reported_in_the_users_file_and_not_at_an_internal_path() throws Exception {
    Path mine = folder("mine", "syntax.drl", "package org.acme;\nrule \"broken\"\n  @id(\"acme.broken\")\nwhen\n  Move(\nthen\nend\n");
    assertThatThrownBy(() -> build(mine)).isInstanceOfSatisfying(RuleBuildException.class, e -> {
      assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.file()).isEqualTo(mine.resolve("syntax.drl").toString()));
      assertThat(e.problems().get(0).line()).isPositive();
      assertThat(e.render()).doesNotContain("src/main/resources");
    });
  }

  @Test
  void a_parser_error_puts_the_caret_at_the_column_the_parser_names() throws Exception {
    Path mine = folder("mine", "lambda.drl", rule("org.acme", "lambda", "acme.lambda", "error", "", "x")
        .replace("  $m : Move(  )\n", "  $m : Move(  )\n  eval( $m.getVm().getDatastores().stream().noneMatch(n -> true) )\n"));
    assertThatThrownBy(() -> build(mine)).isInstanceOfSatisfying(RuleBuildException.class, e -> {
      RuleProblem p = e.problems().get(0);
      // The parser's "[ERR 101] Line L:C" becomes the problem's own line and column, not words in the message.
      assertThat(p.message()).startsWith("syntax error: ").doesNotContain("[ERR", "Line ");
      assertThat(p.sourceLine()).contains("noneMatch(n -> true)");
      assertThat(p.column()).isGreaterThan(p.sourceLine().indexOf("eval")).isLessThanOrEqualTo(p.sourceLine().length());
    });
  }
}
