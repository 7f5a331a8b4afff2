package io.vmotion.rules;

import static io.vmotion.testing.Fixture.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.InventoryReader;
import io.vmotion.inventory.Vm;
import io.vmotion.rules.CompletionDomain.Completion;
import io.vmotion.testing.Fixture;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract of unknown facts, checked against every possible value of them ({@link CompletionDomain}):
 * for every rule and move, the tool reports a rule's error or warning only when every completion of
 * the inventory makes that finding, reports nothing only when no completion makes one, and says
 * "not checked" only when completions disagree (one fires, one does not). The shared and the
 * move-by-move evaluation of the incomplete inventory must also say exactly the same.
 *
 * <p>Checked on seeded small inventories with one to three facts made unknown (the seed, the unknown
 * facts and the number of completions are in each test's name; {@code -Dvmotion.unknown.seed=N}
 * runs one seed alone), on each single unknown fact of a two-host inventory over its whole domain,
 * and on inventories with nothing unknown, where it must hold trivially.
 */
class UnknownFactsDecideWhatTheKnownFactsDecideTest {

  /** Generated cases run in CI; each is evaluated once per mode and once for all its completions. */
  static final int CASES = Integer.getInteger("vmotion.unknown.cases", 60);
  static final long FIRST_SEED = Long.getLong("vmotion.unknown.firstSeed", 1000);
  /** CompletionDomain per case: every one up to this many, else a seeded sample of this many. */
  static final int LIMIT = 400;

  /**
   * Whether a finding says that the rule could not be decided. Until the engine gives findings an
   * accessor for it ({@code Finding.undecided()}), an info whose message starts with "not checked".
   */
  static boolean undecided(Finding f) {
    return f.severity() == Severity.INFO && f.message().startsWith("not checked");
  }

  @TestFactory
  Stream<DynamicTest> small_inventories_with_a_few_unknown_facts() {
    RuleBase rules = Rules.folder();
    SmallInventories generator = new SmallInventories(rules.data());
    Long only = Long.getLong("vmotion.unknown.seed");
    Stream<Long> seeds = only != null ? Stream.of(only) : IntStream.range(0, CASES).mapToObj(i -> FIRST_SEED + i);
    return seeds.map(seed -> {
      SplittableRandom r = new SplittableRandom(seed);
      Inventory complete = generator.generate(r.nextLong());
      SmallInventories.Blanked b = generator.blank(complete, 1 + r.nextInt(3), LIMIT, r);
      CompletionDomain completions = new CompletionDomain(rules.data()).seeded(seed);
      int count = completions.count(b.inventory(), LIMIT);
      String name = "seed=" + seed + " unknown=" + b.facts() + " completions=" + (count > LIMIT ? "sample of " + LIMIT : count);
      return dynamicTest(name, () -> {
        System.out.println(UnknownFactsDecideWhatTheKnownFactsDecideTest.class.getSimpleName() + ": " + name);
        assertContract("seed " + seed, rules, b.inventory(), completions.sample(b.inventory(), LIMIT),
            count > LIMIT);
      });
    });
  }

  @TestFactory
  Stream<DynamicTest> inventories_with_nothing_unknown_have_one_completion_which_says_what_the_tool_says() {
    RuleBase rules = Rules.folder();
    SmallInventories generator = new SmallInventories(rules.data());
    return seeds(500, 510).map(seed -> dynamicTest("seed=" + seed, () -> {
      Inventory inv = generator.generate(seed);
      List<Completion> all = new CompletionDomain(rules.data()).all(inv, 2);
      assertThat(all).singleElement().satisfies(c -> assertThat(c.inventory()).isEqualTo(inv));
      assertContract("seed " + seed, rules, inv, all, false);
    }));
  }

  @Test
  void inventories_evaluated_together_get_the_findings_each_gets_alone() {
    RuleBase rules = Rules.folder();
    SmallInventories generator = new SmallInventories(rules.data());
    List<Inventory> invs = seeds(600, 606).map(generator::generate).toList();
    for (boolean exact : new boolean[] {true, false}) {
      List<ManyInventories.Result> together = ManyInventories.evaluate(rules, invs, exact);
      long findings = 0;
      for (int k = 0; k < invs.size(); k++) {
        Evaluation alone = new Evaluator(rules).evaluate(invs.get(k), Scope.CLUSTER, true, exact, Progress.NONE);
        assertThat(together.get(k).findings()).as("inventory %d", k).containsExactlyElementsOf(alone.findings());
        assertThat(together.get(k).targets()).as("inventory %d", k).isEqualTo(ManyInventories.targets(alone));
        findings += alone.findings().size();
      }
      assertThat(findings).isPositive();
    }
  }

  @Test
  void a_sample_of_too_many_completions_holds_the_extremes_and_every_value_of_every_fact() throws Exception {
    RuleBase rules = Rules.folder();
    Inventory inv = new InventoryReader(rules.data().evcModes()).read("f.json",
        Fixture.twoHosts().with(f -> f.host(1).set("unknown", strings("version", "license", "vmotionNics"))).json());
    CompletionDomain completions = new CompletionDomain(rules.data()).seeded(7);
    int releases = completions.releases().size();
    assertThat(completions.count(inv, 100_000)).isEqualTo(releases * 9 * NICS);
    // Large enough to hold the two extremes and each value of each fact once: 2 + releases + 9 + NICS.
    List<Completion> sample = completions.sample(inv, 160);
    assertThat(sample).hasSize(160);
    assertThat(sample.stream().map(Completion::choices).distinct()).hasSize(160);
    assertThat(sample.stream().map(Completion::choices)).contains(
        List.of("h2.version=" + completions.releases().get(0), "h2.license=free", "h2.vmotionNics=none"),
        List.of("h2.version=" + completions.releases().get(releases - 1), "h2.license=evaluation", "h2.vmotionNics=100000 Mbit/s"));
    Set<String> values = new TreeSet<>();
    sample.forEach(c -> values.addAll(c.choices()));
    assertThat(values).hasSize(releases + 9 + NICS);
    assertThat(completions.sample(inv, 160)).isEqualTo(sample);
    assertThat(sample).allSatisfy(c -> assertThat(CompletionDomain.unknownFacts(c.inventory())).isEmpty());
  }

  // --------------------------------------------------------------------------------------------- small scope

  /** Completions of one unknown vmotionNics without named vMotion networks in the inventory: none, or 5 speeds × 2 MTUs × 3 link states × 2 networks. */
  static final int NICS = 1 + 5 * 2 * 3 * 2;

  /** One unknown fact of a two-host inventory (vm1 on h1, h2 its one target) and the size of its whole domain. */
  record Single(String name, int domain, boolean everyGuest, Consumer<Fixture> change) {}

  static List<Single> singles(CompletionDomain d) {
    int releases = d.releases().size();
    int from702 = (int) d.releases().stream().filter(r -> r.atLeast(io.vmotion.inventory.EsxiVersion.parse("7.0.2"))).count();
    int from802 = (int) d.releases().stream().filter(r -> r.atLeast(io.vmotion.inventory.EsxiVersion.parse("8.0.2"))).count();
    int guests = d.guestIds().size() + 1;
    return List.of(
        new Single("h2.license over all 9 editions (default free)", 9, false, f -> unknown(f.host(1).put("license", "free"), "license")),
        new Single("h2.license over all 9 editions, the source unlicensed", 9, false,
            f -> {
              f.host(0).put("license", "essentials");
              unknown(f.host(1), "license");
            }),
        new Single("h1.license (the source) over all 9 editions", 9, false, f -> unknown(f.host(0), "license")),
        new Single("h2.cpu.vendor over intel and amd", 2, false, f -> unknown(f.host(1), "cpu.vendor")),
        new Single("h1.cpu.vendor (the VM's requirement) over intel and amd", 2, false, f -> unknown(f.host(0), "cpu.vendor")),
        new Single("h1.cpu.vendor, a VM with its own features and vendor", 2, false,
            f -> {
              f.vm(0).set("cpuFeatures", strings("sse2"));
              f.vm(0).put("cpuVendor", "intel");
              unknown(f.host(0), "cpu.vendor");
            }),
        new Single("h2.version over all releases", releases, false, f -> unknown(f.host(1), "version")),
        new Single("h2.version over all releases, a vmx-4 ubuntu VM", releases, false,
            f -> {
              f.vm(0).put("hardwareVersion", 4).put("guestOs", "ubuntu64Guest");
              unknown(f.host(1), "version");
            }),
        new Single("h1.version (the source, running vmx-19) over the releases from 7.0.2", from702, false, f -> unknown(f.host(0), "version")),
        new Single("h2.version, running a vmx-21 VM, over the releases from 8.0.2", from802, false,
            f -> {
              f.addVm("vm2", "h2").put("hardwareVersion", 21);
              unknown(f.host(1), "version");
            }),
        new Single("h2.vmotionNics over none and one adapter of 5 speeds, 2 MTUs, 3 link states, 2 networks", NICS, false, f -> unknown(f.host(1), "vmotionNics")),
        new Single("h2.vmotionNics over none and one adapter of every kind, the source has none", NICS, false,
            f -> {
              f.host(0).putArray("vmotionNics");
              unknown(f.host(1), "vmotionNics");
            }),
        new Single("h1.vmotionNics (the source) over none and one adapter of every kind", NICS, false, f -> unknown(f.host(0), "vmotionNics")),
        new Single("h2.vmotionNics, the source's adapter half duplex on network vMotion at MTU 1500", 1 + 5 * 2 * 3 * 3, false,
            f -> {
              ((com.fasterxml.jackson.databind.node.ObjectNode) f.host(0).withArray("vmotionNics").get(0)).put("duplex", "half").put("mtu", 1500)
                  .put("portGroup", "vMotion");
              unknown(f.host(1), "vmotionNics");
            }),
        new Single("h2.evcMode over none and the 12 Intel baselines", 13, false, f -> unknown(f.host(1), "evcMode")),
        new Single("h2.evcMode up to its maxEvcMode intel-haswell", 8, false,
            f -> {
              f.host(1).put("maxEvcMode", "intel-haswell");
              unknown(f.host(1), "evcMode");
            }),
        new Single("h1.evcMode (the VM's requirement) over none and the 12 Intel baselines", 13, false, f -> unknown(f.host(0), "evcMode")),
        new Single("h2.cpu.model over h1's and a fresh one", 2, false, f -> unknown(f.host(1), "cpu.model")),
        new Single("h2.cpu.model, h2 with EVC", 2, false,
            f -> {
              f.host(1).put("evcMode", "intel-merom");
              unknown(f.host(1), "cpu.model");
            }),
        new Single("vm1.guestOs over all guest ids and an unlisted one, target 7.0.0", guests, true,
            f -> {
              f.host(1).put("version", "7.0.0");
              unknown(f.vm(0), "guestOs");
            }),
        new Single("vm1.guestOs over all guest ids and an unlisted one, target 9.0.0", guests, true,
            f -> {
              f.host(1).put("version", "9.0.0");
              unknown(f.vm(0), "guestOs");
            }),
        new Single("vm1.hardwareVersion over the 16 ESXi hardware versions, target 7.0.2", 16, false,
            f -> {
              f.host(1).put("version", "7.0.2");
              unknown(f.vm(0), "hardwareVersion");
            }),
        new Single("h2.datastores over the supersets of none", 4, false,
            f -> {
              f.host(1).putArray("datastores");
              unknown(f.host(1), "datastores");
            }),
        new Single("h2.portGroups over the supersets of none", 4, false,
            f -> {
              f.host(1).putArray("portGroups");
              unknown(f.host(1), "portGroups");
            }),
        new Single("vm1.datastores over the subsets of h1's two", 4, false,
            f -> {
              f.host(0).set("datastores", strings("ds1", "ds2"));
              unknown(f.vm(0), "datastores");
            }),
        new Single("vm1.datastores over the subsets of h1's one, h2 mounts it", 2, false, f -> unknown(f.vm(0), "datastores")),
        new Single("vm1.nics over the subsets of h1's two port groups", 4, false,
            f -> {
              f.host(0).set("portGroups", strings("pg-app", "pg-db"));
              unknown(f.vm(0), "nics");
            }),
        new Single("h2.cpu.threads, a 24-vCPU VM", 2, false,
            f -> {
              f.vm(0).put("vcpus", 24);
              unknown(f.host(1), "cpu.threads");
            }),
        new Single("h2.cpu.threads, a 4-vCPU VM", 2, false, f -> unknown(f.host(1), "cpu.threads")),
        new Single("h2.cpu.mhz, a VM reserving 8000 MHz", -1, false,
            f -> {
              f.vm(0).putObject("reservation").put("cpuMhz", 8000);
              unknown(f.host(1), "cpu.mhz");
            }),
        new Single("h2.memoryMb, a VM reserving 4096 MB", 3, false,
            f -> {
              f.vm(0).putObject("reservation").put("memoryMb", 4096);
              unknown(f.host(1), "memoryMb");
            }),
        new Single("vm1.reservation, h2 smaller than h1", 4, false,
            f -> {
              f.host(1).with("cpu").put("cores", 2).put("threads", 4);
              f.host(1).put("memoryMb", 4096);
              unknown(f.vm(0), "reservation");
            }),
        new Single("vm1.vcpus over 1 to h1's 8 threads, h2 has 4", 8, false,
            f -> {
              f.host(0).with("cpu").put("cores", 4).put("threads", 8);
              f.host(1).with("cpu").put("cores", 2).put("threads", 4);
              unknown(f.vm(0), "vcpus");
            }),
        new Single("h2.cpu.features, only sse2 listed", -1, false,
            f -> {
              f.host(1).with("cpu").set("features", strings("sse2"));
              unknown(f.host(1), "cpu.features");
            }),
        new Single("h2.cpu.features, every feature the VM uses listed", -1, false, f -> unknown(f.host(1), "cpu.features")),
        new Single("h2.cpu.features, aes disabled in its BIOS", -1, false,
            f -> {
              f.host(1).with("cpu").set("biosDisabled", strings("aes"));
              unknown(f.host(1), "cpu.features");
            }),
        new Single("h1.cpu.features (the VM's requirement), maxEvcMode intel-haswell", -1, false,
            f -> {
              f.host(0).put("maxEvcMode", "intel-haswell");
              unknown(f.host(0), "cpu.features");
            }),
        new Single("h2.cpu (every part)", -1, false, f -> unknown(f.host(1), "cpu")));
  }

  @TestFactory
  Stream<DynamicTest> each_single_unknown_fact_over_its_whole_domain() {
    RuleBase rules = Rules.folder();
    return singles(new CompletionDomain(rules.data())).stream().map(s -> dynamicTest(s.name(), () -> {
      Fixture f = Fixture.twoHosts().with(s.change());
      Inventory inv = new InventoryReader(rules.data().evcModes()).read("single.json", f.json());
      CompletionDomain completions = s.everyGuest() ? new CompletionDomain(rules.data()).everyGuest() : new CompletionDomain(rules.data());
      List<Completion> all = completions.all(inv, 1000);
      if (s.domain() >= 0) assertThat(all).as("completions of " + s.name()).hasSize(s.domain());
      assertContract(s.name(), rules, inv, all, false);
    }));
  }

  private static void unknown(com.fasterxml.jackson.databind.node.ObjectNode node, String field) {
    node.set("unknown", strings(field));
  }

  // --------------------------------------------------------------------------------------------- the check itself

  @Test
  void the_check_tells_a_verdict_the_completions_support_from_one_they_do_not() throws Exception {
    RuleBase rules = Rules.folder();
    Inventory inv = new InventoryReader(rules.data().evcModes()).read("f.json",
        Fixture.twoHosts().with(f -> unknown(f.host(1).put("license", "free"), "license")).json());
    List<Completion> all = new CompletionDomain(rules.data()).all(inv, 100);
    List<ManyInventories.Result> results = ManyInventories.evaluate(rules, all.stream().map(Completion::inventory).toList(), false);
    Map<String, List<String>> moves = Map.of("vm1", List.of("h2"));
    List<String> ids = rules.rules().stream().map(RuleInfo::id).toList();
    Finding error = new Finding("license.vmotion", Severity.ERROR, "vm1", "h1", "h2", 0, "no vMotion", "");
    Finding info = new Finding("license.vmotion", Severity.INFO, "vm1", "h1", "h2", 0, "not checked: license of target h2", "");
    Finding storage = new Finding("storage.shared", Severity.INFO, "vm1", "h1", "h2", 0, "not checked: datastores of target h2", "");
    assertThat(violations(moves, List.of(info), all, results, ids)).isEmpty();
    assertThat(violations(moves, List.of(), all, results, ids)).singleElement().asString()
        .contains("reports nothing").contains("license.vmotion").contains("h2.license=free");
    assertThat(violations(moves, List.of(error), all, results, ids)).singleElement().asString()
        .contains("reports error").contains("h2.license=essentials-plus");
    assertThat(violations(moves, List.of(info, storage), all, results, ids)).singleElement().asString()
        .contains("storage.shared").contains("no completion fires");
  }

  /** Evaluates the inventory both ways and its completions, and asserts the contract for every rule and move. */
  static void assertContract(String what, RuleBase rules, Inventory inv, List<Completion> completions, boolean sampled) {
    Evaluator evaluator = new Evaluator(rules);
    Evaluation exact = evaluator.evaluate(inv, Scope.CLUSTER, true, true, Progress.NONE);
    Evaluation shared = evaluator.evaluate(inv, Scope.CLUSTER, true, false, Progress.NONE);
    List<ManyInventories.Result> results =
        ManyInventories.evaluate(rules, completions.stream().map(Completion::inventory).toList(), false);
    List<String> ids = rules.rules().stream().map(RuleInfo::id).toList();
    Map<String, List<String>> moves = ManyInventories.targets(exact);
    if (Boolean.getBoolean("vmotion.debug")) System.out.println("DEBUG " + inv);
    String header = what + ": unknown " + CompletionDomain.unknownFacts(inv) + ", " + completions.size() + " completions"
        + (sampled ? " (a sample)" : " (every one)") + "\n";
    SoftAssertions softly = new SoftAssertions();
    List<String> wrong = violations(moves, exact.findings(), completions, results, ids);
    softly.assertThat(wrong).as(header + "move-by-move evaluation").isEmpty();
    if (!shared.findings().equals(exact.findings())) {
      softly.assertThat(violations(moves, shared.findings(), completions, results, ids)).as(header + "shared evaluation").isEmpty();
    }
    softly.assertThat(shared.findings()).as(header + "shared evaluation = move-by-move evaluation").containsExactlyElementsOf(exact.findings());
    softly.assertAll();
  }

  /**
   * What the tool says that its completions do not support, one line per rule and move: each with
   * a completion that fires and one that does not, where there are.
   */
  static List<String> violations(Map<String, List<String>> moves, List<Finding> tool, List<Completion> completions,
      List<ManyInventories.Result> results, Collection<String> rules) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < results.size(); k++) {
      if (!results.get(k).targets().equals(moves)) {
        out.add("completion " + completions.get(k).describe() + " checks other moves: " + results.get(k).targets() + " instead of " + moves);
      }
      for (Finding f : results.get(k).findings()) {
        if (f.severity() == Severity.INFO) out.add("completion " + completions.get(k).describe() + " is not complete: " + f);
      }
    }
    for (Map.Entry<String, List<String>> e : moves.entrySet()) {
      String vm = e.getKey();
      for (String target : e.getValue()) {
        for (String rule : rules) {
          List<Finding> said = of(tool, vm, target, rule);
          List<Integer> fire = new ArrayList<>();
          List<Integer> quiet = new ArrayList<>();
          Set<Severity> severities = new TreeSet<>();
          // The most severe finding of each firing completion: an error with some values and a warning with others decides nothing.
          Set<Severity> worst = new TreeSet<>();
          for (int k = 0; k < results.size(); k++) {
            List<Finding> c = of(results.get(k).findings(), vm, target, rule);
            (c.isEmpty() ? quiet : fire).add(k);
            c.forEach(x -> severities.add(x.severity()));
            c.stream().map(Finding::severity).max(Comparator.naturalOrder()).ifPresent(worst::add);
          }
          String where = vm + " (on " + hostOf(completions, vm) + ") -> " + target + ", rule " + rule + ": ";
          String examples = example("fire", fire, completions, results, vm, target, rule)
              + example("stay quiet", quiet, completions, results, vm, target, rule);
          long undecided = said.stream().filter(UnknownFactsDecideWhatTheKnownFactsDecideTest::undecided).count();
          if (undecided > 0 && undecided < said.size()) {
            out.add(where + "the tool reports both not checked and a finding: " + said + examples);
          } else if (undecided > 0) {
            if (quiet.isEmpty() && worst.size() == 1) {
              out.add(where + "the tool reports not checked (\"" + said.get(0).message() + "\"), but every completion makes "
                  + name(severities) + examples);
            } else if (fire.isEmpty()) {
              out.add(where + "the tool reports not checked (\"" + said.get(0).message() + "\"), but no completion fires" + examples);
            }
          } else if (said.isEmpty()) {
            if (!fire.isEmpty()) out.add(where + "the tool reports nothing, but a completion fires" + examples);
          } else {
            Set<Severity> tools = new TreeSet<>();
            said.forEach(x -> tools.add(x.severity()));
            if (!quiet.isEmpty()) {
              out.add(where + "the tool reports " + name(tools) + " (\"" + said.get(0).message() + "\"), but a completion stays quiet" + examples);
            } else if (worst.size() > 1) {
              out.add(where + "the tool reports " + name(tools) + ", but completions differ in their most severe finding: " + name(worst) + examples);
            } else if (!worst.contains(java.util.Collections.max(tools))) {
              out.add(where + "the tool reports " + name(tools) + ", but completions report " + name(severities) + examples);
            }
          }
        }
      }
    }
    return out;
  }

  private static String hostOf(List<Completion> completions, String vm) {
    return completions.get(0).inventory().vms().stream().filter(v -> v.name().equals(vm)).map(Vm::host)
        .findFirst().orElse("?");
  }

  private static String name(Set<Severity> s) {
    return String.join("+", s.stream().map(Severity::json).toList());
  }

  private static String example(String what, List<Integer> which, List<Completion> completions, List<ManyInventories.Result> results,
      String vm, String target, String rule) {
    if (which.isEmpty()) return "";
    int k = which.get(0);
    List<Finding> f = of(results.get(k).findings(), vm, target, rule);
    return "\n      " + which.size() + " of " + completions.size() + " completions " + what + ", e.g. " + completions.get(k).describe()
        + (f.isEmpty() ? "" : " -> " + f.get(0).severity().json() + " \"" + f.get(0).message() + "\"");
  }

  private static List<Finding> of(List<Finding> findings, String vm, String target, String rule) {
    return findings.stream().filter(f -> f.vm().equals(vm) && f.target().equals(target) && f.rule().equals(rule)).toList();
  }

  private static Stream<Long> seeds(long from, long to) {
    return LongStream.range(from, to).boxed();
  }
}
