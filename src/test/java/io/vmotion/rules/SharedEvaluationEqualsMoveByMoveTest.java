package io.vmotion.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.InventoryReader;
import io.vmotion.inventory.synthetic.InventoryGenerator;
import io.vmotion.rules.facts.EvcBaseline;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The shared evaluation (each rule once per distinct combination of what it reads) must give
 * exactly the report that evaluating every move on its own gives: same findings, same messages,
 * same compatible targets, same counts. Checked on generated inventories of several shapes and
 * seeds (printed in the test names; some hosts and VMs with unknown facts), in both scopes, and on
 * the bundled examples.
 */
class SharedEvaluationEqualsMoveByMoveTest {

  record Shape(int hosts, int vms, int clusters, long seed) {}

  static final List<Shape> SHAPES = List.of(
      new Shape(12, 80, 2, 1), new Shape(30, 250, 4, 7), new Shape(40, 300, 5, 42), new Shape(25, 200, 1, 2026),
      new Shape(300, 600, 6, 3));

  @TestFactory
  Stream<DynamicTest> shared_evaluation_reports_exactly_what_move_by_move_evaluation_reports() {
    RuleBase rules = Rules.folder();
    Map<String, Set<String>> baselines = new LinkedHashMap<>();
    for (EvcBaseline b : rules.data().baselines().values()) baselines.put(b.key(), b.features());
    return SHAPES.stream().flatMap(s -> Stream.of(Scope.CLUSTER, Scope.ALL).map(scope -> dynamicTest(
        "hosts=" + s.hosts() + " vms=" + s.vms() + " clusters=" + s.clusters() + " seed=" + s.seed() + " scope=" + scope, () -> {
          StringWriter json = new StringWriter();
          new InventoryGenerator(s.hosts(), s.vms(), s.clusters(), s.seed(), baselines).write(json);
          Inventory inv = new InventoryReader(rules.data().evcModes()).read("generated.json", json.toString());
          assertSame(rules, inv, scope);
        })));
  }

  @TestFactory
  Stream<DynamicTest> the_examples_report_the_same_either_way() {
    return Stream.of("examples/datacenter.json").map(f -> dynamicTest(f, () -> {
      RuleBase rules = Rules.folder();
      Inventory inv = new InventoryReader(rules.data().evcModes()).read(Path.of(f));
      assertSame(rules, inv, Scope.CLUSTER);
      assertSame(rules, inv, Scope.ALL);
    }));
  }

  static void assertSame(RuleBase rules, Inventory inv, Scope scope) {
    Evaluator evaluator = new Evaluator(rules);
    Evaluation exact = evaluator.evaluate(inv, scope, true, true, Progress.NONE);
    Evaluation shared = evaluator.evaluate(inv, scope, true, false, Progress.NONE);
    Evaluation counted = evaluator.evaluate(inv, scope, false, false, Progress.NONE);
    assertThat(exact.pairs()).isPositive();
    assertThat(exact.findings()).isNotEmpty();
    assertThat(shared.findings()).containsExactlyElementsOf(exact.findings());
    assertThat(shared.vms()).containsExactlyElementsOf(exact.vms());
    assertThat(shared.pairs()).isEqualTo(exact.pairs());
    assertThat(List.of(counted.errors(), counted.warnings(), counted.infos()))
        .containsExactly(exact.errors(), exact.warnings(), exact.infos());
    assertThat(counted.vms()).extracting(CheckedVm::name, CheckedVm::targetCount, CheckedVm::compatibleCount, CheckedVm::blockedBy)
        .containsExactlyElementsOf(exact.vms().stream().map(v -> org.assertj.core.groups.Tuple.tuple(v.name(), v.targetCount(), v.compatibleCount(), v.blockedBy())).toList());
    // A summary ranks causes without findings: its tallies per rule and target must be the findings' own.
    assertThat(exact.blockedMoves()).isEqualTo(Evaluation.blockedMoves(exact.findings())).isNotEmpty();
    assertThat(shared.blockedMoves()).isEqualTo(exact.blockedMoves());
    assertThat(counted.blockedMoves()).isEqualTo(exact.blockedMoves());
  }
}
