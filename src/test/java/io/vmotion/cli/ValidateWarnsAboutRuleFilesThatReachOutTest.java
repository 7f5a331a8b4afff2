package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules are code: validate --rules says, on stderr, where a loaded rule file reaches outside the fact model. */
class ValidateWarnsAboutRuleFilesThatReachOutTest {

  @Test
  void a_rule_that_touches_files_is_named_with_its_line_and_the_report_still_runs(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("audit.drl"), """
        package acme.audit;
        import io.vmotion.rules.facts.Move;
        global io.vmotion.rules.Findings findings;
        rule "acme.audit"
          @id("acme.audit") @severity("info") @title("Audit") @remediation("None.")
        when
          $m : Move()
        then
          new java.io.File("/tmp/vmotion-audit").exists();
        end
        """);
    Cli r = Cli.run("validate", "examples/clean.json", "--rules", dir.toString());
    assertThat(r.err()).contains("audit.drl:9:").contains("reaches outside the fact model: file access (java.io)");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("0 errors");
  }

  @Test
  void the_built_in_rules_raise_no_such_warning() {
    assertThat(Cli.run("validate", "examples/clean.json").err()).isEmpty();
  }
}
