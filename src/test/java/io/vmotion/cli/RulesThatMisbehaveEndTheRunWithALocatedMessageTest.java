package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmotion.testing.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule folder is code from someone else. Whatever its rules do (loop, recurse, throw an Error,
 * change the session, end the JVM, print), the run ends with exit 2 and a message that names the
 * rule and its file:line, or the rule is refused when it is built: never a hang, a trace, or a
 * report that other rules' findings were erased from.
 */
class RulesThatMisbehaveEndTheRunWithALocatedMessageTest {

  @TempDir Path dir;

  private static String rule(String imports, String when, String then, String functions) {
    return """
        package org.acme.hostile;

        import io.vmotion.rules.facts.Move;
        %s
        global io.vmotion.rules.Findings findings;

        rule "hostile"
          @id("acme.hostile")
          @severity("warning")
          @title("A hostile rule")
          @remediation("Remove it.")
        when
          %s
        then
          %s
        end
        %s
        """.formatted(imports, when, then, functions);
  }

  private Path folder(String drl) throws Exception {
    Path f = dir.resolve("hostile");
    Files.createDirectories(f);
    Files.writeString(f.resolve("hostile.drl"), drl);
    return f;
  }

  private Path inventory() throws Exception {
    return Files.writeString(dir.resolve("inv.json"), Fixture.twoHosts().json());
  }

  private Cli validate(Path rules, String... more) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("validate", inventory().toString(), "--rules", rules.toString(), "--rule-timeout", "1"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void a_consequence_that_loops_for_ever_ends_validate_with_exit_2_naming_the_rule_and_its_line() throws Exception {
    Path rules = folder(rule("", "$m : Move()", "long i = 0; while (i >= 0) { i = (i + 1) % 1000; }", ""));
    Cli r = validate(rules);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("rule acme.hostile (" + rules.resolve("hostile.drl") + ":7) ran for more than 1 s without ending (--rule-timeout)");
    assertThat(r.err()).doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void a_condition_function_that_loops_for_ever_ends_validate_with_exit_2_naming_the_rule() throws Exception {
    Path rules = folder(rule("", "$m : Move( spin(vm.name) )", "findings.report(kcontext, $m, \"x\");",
        "function boolean spin(String s) { long i = 0; while (i >= 0) { i = (i + 1) % 1000; } return true; }"));
    Cli r = validate(rules);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("rule acme.hostile (" + rules.resolve("hostile.drl") + ":7) ran for more than 1 s without ending");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void a_looping_rule_in_rules_test_ends_with_exit_2_naming_the_case() throws Exception {
    Path rules = folder(rule("", "$m : Move()", "long i = 0; while (i >= 0) { i = (i + 1) % 1000; }", ""));
    Files.createDirectories(rules.resolve("cases"));
    Files.writeString(rules.resolve("cases/spins.case.json"), "{\"inventory\": " + Fixture.twoHosts().json() + ", \"expectNot\": [{\"rule\": \"acme.hostile\"}]}");
    Cli r = Cli.run("rules", "test", rules.toString(), "--rule-timeout", "1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("case spins", "rule acme.hostile", "ran for more than 1 s without ending");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "an AssertionError | if (true) throw new AssertionError(\"boom\"); | failed in its consequence: java.lang.AssertionError: boom",
      "a StackOverflowError | deep(1); | recursed without end (the stack overflowed)",
      "a LinkageError | if (true) throw new LinkageError(\"odd\"); | failed in its consequence: java.lang.LinkageError: odd"})
  void a_rule_that_throws_an_error_ends_with_exit_2_naming_the_rule_and_no_trace(String what, String then, String message) throws Exception {
    Path rules = folder(rule("", "$m : Move()", then, "function int deep(int n) { return deep(n + 1) + 1; }"));
    Cli r = validate(rules);
    assertThat(r.code()).as(what).isEqualTo(2);
    assertThat(r.err()).contains("rule acme.hostile (" + rules.resolve("hostile.drl") + ":7)", message);
    assertThat(r.err()).doesNotContain("\tat ", "internal error");
    assertThat(r.out()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "halt | drools.halt(); | halt() stops every other rule from firing",
      "delete | delete($m); | delete() removes a fact",
      "retract | retract($m); | retract() removes a fact",
      "insert | insert(new Object()); | insert() adds a fact",
      "modify | modify($m) { getStep() }; | modify() changes a fact",
      "update | update($m); | update() changes a fact",
      "the session | kcontext.getKieRuntime().halt(); | getKieRuntime reaches the session",
      "System.exit | System.exit(0); | exit() would end vmotion without a report",
      "Runtime.halt | Runtime.getRuntime().halt(0); | halt() would end vmotion without a report"})
  void a_rule_that_would_change_other_rules_verdicts_or_end_the_jvm_is_refused_when_built(String what, String then, String message)
      throws Exception {
    Path rules = folder(rule("", "$m : Move()", then, ""));
    for (List<String> args : List.of(
        List.of("validate", inventory().toString(), "--rules", rules.toString()),
        List.of("validate", inventory().toString(), "--rules", rules.toString(), "--exact"),
        List.of("rules", "check", rules.toString()))) {
      Cli r = Cli.run(args.toArray(String[]::new));
      assertThat(r.code()).as(what + " in " + args).isEqualTo(2);
      // rules check reports its findings as its output; validate reports them as the error that stopped it
      boolean check = args.get(0).equals("rules");
      assertThat(check ? r.out() : r.err()).as(what).contains(rules.resolve("hostile.drl") + ":15:", message);
      if (!check) assertThat(r.out()).as(what).isEmpty();
    }
  }

  @Test
  void a_fact_accessor_named_like_a_session_call_is_not_refused() throws Exception {
    Path rules = folder(rule("", "$m : Move()", "StringBuilder sb = new StringBuilder(\"b\"); sb.insert(0, \"a\"); sb.delete(0, 1); findings.report(kcontext, $m, sb.toString());", ""));
    Cli r = Cli.run("rules", "check", rules.toString());
    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void validate_names_each_built_in_rule_a_folder_replaces() throws Exception {
    Path rules = dir.resolve("mine");
    Files.createDirectories(rules);
    Files.writeString(rules.resolve("state.drl"), rule("", "$m : Move( false )", "findings.report(kcontext, $m, \"x\");", "")
        .replace("acme.hostile", "host.state"));
    Cli r = Cli.run("validate", inventory().toString(), "--rules", rules.toString());
    assertThat(r.err()).contains("vmotion validate: note: rule host.state (built-in:host.drl:", ") is replaced by " + rules.resolve("state.drl") + ":7");
  }

  @Test
  void the_lint_sees_names_split_over_lines_and_what_reaches_the_environment_xml_and_the_standard_streams() throws Exception {
    Path rules = folder(rule("", "$m : Move()", """
        Object u = new java
            . net . URL("http://example.com/");
        String home = System.getenv("HOME");
        Object x = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        System.out.println("hello");
        Object c = Thread.currentThread().getContextClassLoader();
        long i = 0; while (true) { i++; }
        """, ""));
    Cli r = Cli.run("rules", "check", rules.toString());
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains(
        "hostile.drl:15:18: warning: reaches outside the fact model: network access (java.net)",
        "reads the environment (System.getenv)",
        "XML parsing, which can fetch URLs (javax.xml)",
        "writes to the standard output (System.out), where reports go",
        "starts or controls threads (Thread)",
        "hostile.drl:21:13: warning: this loop has no break, return or throw, so it never ends");
  }

  @Test
  void what_a_rule_prints_never_reaches_the_report_on_stdout() throws Exception {
    Path rules = folder(rule("", "$m : Move()", "System.out.println(\"{not json\"); findings.report(kcontext, $m, \"x\");", ""));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.vmotion.cli.Main",
        "validate", inventory().toString(), "--rules", rules.toString(), "--format", "json")
        .redirectError(dir.resolve("err.txt").toFile()).redirectOutput(dir.resolve("out.json").toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(new ObjectMapper().readTree(dir.resolve("out.json").toFile()).get("findings")).isNotEmpty();
    assertThat(Files.readString(dir.resolve("err.txt"))).contains("{not json");
  }
}
