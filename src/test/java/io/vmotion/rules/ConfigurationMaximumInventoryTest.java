package io.vmotion.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.InventoryReader;
import io.vmotion.inventory.synthetic.InventoryGenerator;
import io.vmotion.rules.facts.EvcBaseline;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The generated inventory at vCenter's configuration maximum (2,500 hosts, 40,000 powered-on VMs,
 * 40 clusters) exercises every rule and blocks a realistic share of the moves. No timing here:
 * speed is measured by bench/validate-benchmark.sh.
 */
class ConfigurationMaximumInventoryTest {

  @Test
  void every_rule_fires_and_at_least_five_percent_of_the_pairs_are_blocked() throws Exception {
    RuleBase rules = Rules.folder();
    Map<String, Set<String>> baselines = new LinkedHashMap<>();
    for (EvcBaseline b : rules.data().baselines().values()) baselines.put(b.key(), b.features());
    long seed = 1;
    StringWriter json = new StringWriter();
    new InventoryGenerator(2500, 40000, 40, seed, baselines).write(json);
    Inventory inv = new InventoryReader(rules.data().evcModes()).read("max-seed-" + seed + ".json", json.toString());
    assertThat(inv.vms().stream().filter(v -> v.poweredOn()).count()).isEqualTo(40000);

    Evaluation e = new Evaluator(rules).evaluate(inv, Scope.CLUSTER, true, false, Progress.NONE);
    Set<String> fired = new HashSet<>();
    e.findings().forEach(f -> fired.add(f.rule()));
    assertThat(fired).containsAll(RuleFolderTest.CONTRACT.keySet());
    long blocked = e.vms().stream().mapToLong(v -> v.targetCount() - v.compatibleCount()).sum();
    assertThat(blocked * 100).isGreaterThanOrEqualTo(e.pairs() * 5);
  }
}
