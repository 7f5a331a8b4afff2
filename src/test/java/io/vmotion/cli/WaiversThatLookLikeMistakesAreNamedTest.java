package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A waiver that waives everything, or nothing, is most likely a mistake: it is said, and --strict-waivers refuses it. */
class WaiversThatLookLikeMistakesAreNamedTest {

  @TempDir Path dir;

  private Cli validate(String waivers, String... more) throws Exception {
    WaiversTest t = new WaiversTest();
    t.dir = dir;
    Path inv = t.inventory();
    Path w = t.write("w.json", waivers);
    String[] args = new String[3 + more.length];
    args[0] = inv.toString();
    args[1] = "--waivers";
    args[2] = w.toString();
    System.arraycopy(more, 0, args, 3, more.length);
    return WaiversTest.run(WaiversTest.JAN_2027, args);
  }

  @Test
  void a_waiver_for_every_rule_is_named_with_how_many_findings_it_waived() throws Exception {
    Cli r = validate("{\"waivers\": [{\"rule\": \"*\", \"reason\": \"make CI green\"}]}");
    assertThat(r.code()).isZero();
    assertThat(r.err()).containsPattern("warning: .*w\\.json:1:\\d+: waivers\\[0\\]\\.rule: \"\\*\" matches every rule; name the rules this waiver is for "
        + "\\(it waived [1-9]\\d* findings in this run; --strict-waivers makes this an error\\)");
  }

  @Test
  void a_waiver_written_for_every_vm_is_named_but_one_that_leaves_vm_out_is_not() throws Exception {
    Cli written = validate("{\"waivers\": [{\"rule\": \"license.vmotion\", \"vm\": \"**\", \"reason\": \"r\"}]}");
    assertThat(written.err()).contains("waivers[0].vm: \"**\" matches every VM", "(it waived 3 findings in this run");
    Cli omitted = validate("{\"waivers\": [{\"rule\": \"license.vmotion\", \"reason\": \"r\"}]}");
    assertThat(omitted.err()).doesNotContain("warning");
  }

  @Test
  void a_waiver_whose_rule_matches_no_loaded_rule_is_named_with_the_closest_id() throws Exception {
    Cli r = validate("{\"waivers\": [{\"rule\": \"licence.vmotion\", \"reason\": \"typo\"}]}");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("waivers[0].rule: \"licence.vmotion\" matches no loaded rule, so this waiver waives nothing; did you mean \"license.vmotion\"?",
        "(it waived 0 findings in this run");
  }

  @Test
  void strict_waivers_turns_each_doubt_into_exit_2_before_any_report() throws Exception {
    Cli r = validate("{\"waivers\": [{\"rule\": \"licence.vmotion\", \"reason\": \"typo\"}, {\"rule\": \"*\", \"reason\": \"all\"}]}", "--strict-waivers");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("waivers[0].rule: \"licence.vmotion\" matches no loaded rule", "waivers[1].rule: \"*\" matches every rule");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void a_specific_waiver_draws_no_warning_even_under_strict_waivers() throws Exception {
    Cli r = validate(WaiversTest.WAIVERS, "--strict-waivers");
    assertThat(r.err()).doesNotContain("warning");
    assertThat(r.code()).isNotEqualTo(2);
  }
}
