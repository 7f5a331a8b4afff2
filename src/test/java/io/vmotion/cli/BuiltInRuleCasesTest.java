package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.rules.RuleCases;
import io.vmotion.rules.RuleInfo;
import io.vmotion.rules.RuleSource;
import io.vmotion.rules.Rules;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The built-in rules' cases under rules/cases, run by the build through the code path of {@code vmotion rules test}. */
class BuiltInRuleCasesTest {

  @Test
  void every_case_under_rules_cases_passes_through_vmotion_rules_test() {
    Cli r = Cli.run("rules", "test", "rules");
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).doesNotContain("FAIL");
    assertThat(r.out().strip()).endsWith(" passed, 0 failed");
    assertThat(r.code()).isZero();
  }

  @Test
  void the_built_in_cases_packaged_with_vmotion_pass_without_a_folder() {
    Cli r = Cli.run("rules", "test");
    assertThat(r.out().strip()).endsWith(" passed, 0 failed");
    assertThat(r.code()).isZero();
  }

  @Test
  void every_built_in_rule_appears_in_some_cases_expect_and_in_some_cases_expect_not() throws Exception {
    RuleCases.Loaded loaded = RuleCases.read(RuleSource.folder(Path.of("rules")), Rules.folder());
    assertThat(loaded.problems()).isEmpty();
    Set<String> expected = new TreeSet<>();
    Set<String> forbidden = new TreeSet<>();
    for (RuleCases.Case c : loaded.cases()) {
      c.expect().forEach(x -> expected.add(x.rule()));
      c.expectNot().forEach(x -> forbidden.add(x.rule()));
    }
    Set<String> ids = new TreeSet<>(Rules.folder().rules().stream().map(RuleInfo::id).toList());
    assertThat(expected).as("rules with a firing case").containsAll(ids);
    assertThat(forbidden).as("rules with a near-miss case").containsAll(ids);
    // A near miss is a case of its own rule that names the move it must stay quiet on, not only the clean fixture.
    for (String id : ids) {
      assertThat(loaded.cases()).as(id).anyMatch(c -> c.expectNot().stream().anyMatch(x -> x.rule().equals(id) && x.vm() != null));
    }
  }
}
