package io.vmotion.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.inventory.InventoryReader;
import io.vmotion.planning.MoveDuration;
import io.vmotion.planning.PlanRequest;
import io.vmotion.planning.PlannedMove;
import io.vmotion.rules.Progress;
import io.vmotion.rules.RuleBase;
import io.vmotion.rules.RuleSource;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule that only plans trigger (a change freeze on a host for planned moves: it reads the step)
 * is invisible in the pair evaluation, so the first plan uses the frozen host; validating the plan
 * refuses those moves, and the plan is made again without them.
 */
class PlansAreMadeAgainWhenTheValidatorRefusesAMoveTest {

  static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @TempDir Path dir;

  @Test
  void a_move_the_validator_refuses_is_never_in_the_plan_that_comes_out() throws Exception {
    Files.writeString(dir.resolve("freeze.drl"), """
        package site;
        import io.vmotion.rules.facts.Move;
        global io.vmotion.rules.Findings findings;
        rule "site.change-freeze"
          @id("site.change-freeze")
          @severity("error")
          @title("The target is frozen for planned changes")
          @remediation("Plan onto another host until the freeze ends.")
        when
          $m : Move( step > 0, target.name == "esx-a3" )
        then
          findings.report(kcontext, $m, "esx-a3 takes no planned moves this week");
        end
        """);
    RuleBase rules = RuleBase.build(List.of(RuleSource.builtin(), RuleSource.folder(dir)));
    InventoryReader reader = new InventoryReader(rules.data().evcModes());
    Workspace ws = new Workspace("examples/datacenter.json", reader.read(Path.of("examples/datacenter.json")), rules, reader);
    PlanResult result = new Vmotion(QUIET, "plan").plan(ws, PlanRequest.evacuate("esx-a1"), MoveDuration.standIn(), Progress.NONE,
        new Timings(QUIET));
    assertThat(result.rounds()).isGreaterThan(1);
    assertThat(result.certified()).isTrue();
    assertThat(result.plan().migrations()).isNotEmpty().extracting(PlannedMove::target).doesNotContain("esx-a3");
    assertThat(result.plan().unplaced()).extracting(u -> u.vm()).containsExactly("build-01");
  }
}
