package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Main routes each command and lists them all in its usage. */
class MainTest {

  @Test
  void usage_lists_every_command_and_exits_2_without_one() {
    Cli r = Cli.run();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("validate", "import", "rules", "explain", "verify", "generate");
  }

  @Test
  void verify_is_routed_to_the_model_checker_and_reports_pass_or_violation_by_exit_code() {
    assertThat(Cli.run("verify", "--pages", "1", "--writes", "1", "--rounds", "1").code()).isZero();
    Cli violation = Cli.run("verify", "--pages", "1", "--writes", "1", "--rounds", "1", "--variant", "no-announce");
    assertThat(violation.code()).isEqualTo(1);
    assertThat(violation.out()).contains("VIOLATION");
  }

  @Test
  void generate_is_routed_and_the_same_seed_gives_the_same_inventory() {
    Cli a = Cli.run("generate", "--hosts", "6", "--vms", "20", "--clusters", "2", "--seed", "9");
    Cli b = Cli.run("generate", "--hosts", "6", "--vms", "20", "--clusters", "2", "--seed", "9");
    assertThat(a.code()).isZero();
    assertThat(a.out()).isEqualTo(b.out()).contains("\"hosts\"");
    assertThat(a.err()).contains("seed 9");
    assertThat(Cli.run("generate", "--hosts", "6", "--vms", "20", "--clusters", "2", "--seed", "10").out()).isNotEqualTo(a.out());
  }

  @Test
  void generate_refuses_bad_counts_with_exit_2() {
    assertThat(Cli.run("generate", "--hosts", "1", "--vms", "5").code()).isEqualTo(2);
    assertThat(Cli.run("generate", "--hosts", "x", "--vms", "5").err()).contains("--hosts x: not a whole number");
    assertThat(Cli.run("generate", "--vms", "5").err()).contains("--hosts is required");
  }
}
