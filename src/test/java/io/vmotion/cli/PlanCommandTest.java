package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmotion.testing.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String DATACENTER = "examples/datacenter.json";

  @TempDir Path dir;

  @Test
  void help_shows_the_usage_line_and_exits_0() {
    Cli r = Cli.run("plan", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("usage: vmotion plan INVENTORY --evacuate HOST[,HOST…] [--rebalance] [--max-concurrent N] [--format text|json] [-o FILE]");
    assertThat(r.out()).contains("--evacuate", "--rebalance", "--max-concurrent", "--format", "--output", "Exit codes");
    assertThat(Cli.run("help").out()).contains("plan INVENTORY --evacuate HOST[,HOST…]");
  }

  @Test
  void bad_usage_exits_2_with_a_message_that_names_the_fix_and_no_trace() {
    List<Cli> runs = List.of(Cli.run("plan"), Cli.run("plan", DATACENTER), Cli.run("plan", DATACENTER, "--evacuate", "esx-a1,,esx-a2"),
        Cli.run("plan", DATACENTER, "--evacuate", "esx-a1", "--max-concurrent", "0"),
        Cli.run("plan", DATACENTER, "--evacuate", "esx-a1", "--max-concurrent", "many"),
        Cli.run("plan", DATACENTER, "--evacuate", "esx-a1", "--format", "xml"), Cli.run("plan", DATACENTER, "--bogus"));
    for (Cli r : runs) {
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).startsWith("vmotion plan: ").contains("usage: vmotion plan INVENTORY").doesNotContain("Exception", "\tat ");
    }
    assertThat(runs.get(1).err()).contains("nothing to plan: give --evacuate HOST[,HOST…], --rebalance, or both");
    assertThat(runs.get(3).err()).contains("--max-concurrent 0: must be between 1 and 1000");
    assertThat(runs.get(5).err()).contains("--format xml: accepted values are json, text");
  }

  @Test
  void an_unknown_host_exits_2_naming_it_and_the_closest_host() {
    Cli r = Cli.run("plan", DATACENTER, "--evacuate", "esx-a9");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("examples/datacenter.json: --evacuate esx-a9: no such host in the inventory (did you mean \"esx-a")
        .contains("give host names from its \"hosts\"").doesNotContain("\tat ");
  }

  @Test
  void a_missing_inventory_exits_2() {
    Cli r = Cli.run("plan", dir.resolve("none.json").toString(), "--evacuate", "h1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("none.json").contains("no such file");
  }

  @Test
  void exits_1_when_a_vm_stays_on_an_evacuated_host_says_why_per_host_and_rule_and_prints_the_committed_example() throws Exception {
    // Regenerate with: ./vmotion plan examples/datacenter.json --evacuate esx-a1 > examples/evacuate-esx-a1.runbook.txt (and --format json)
    Cli r = Cli.run("plan", DATACENTER, "--evacuate", "esx-a1");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("build-01 on esx-a1: every host of prod-a blocks it: devices.image-not-on-target on 3, storage.shared on 3, vm.guest-os on 1")
        .contains("esx-a4: vm.guest-os: guest OS debian12_64Guest")
        .contains("storage.shared (error): A datastore holding the VM's files is not mounted on the target. Fix: ");
    assertThat(r.out()).isEqualTo(Files.readString(Path.of("examples/evacuate-esx-a1.runbook.txt")));
    // Made by another process: the same input gives the same bytes.
    assertThat(Cli.run("plan", DATACENTER, "--evacuate", "esx-a1", "--format", "json").out())
        .isEqualTo(Files.readString(Path.of("examples/evacuate-esx-a1.planned.json")));
  }

  @Test
  void exits_0_when_every_vm_leaves_and_the_json_plan_validates_with_no_error() throws Exception {
    Path plan = dir.resolve("plan.json");
    Cli r = Cli.run("plan", DATACENTER, "--evacuate", "esx-a2", "--format", "json", "-o", plan.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEmpty();
    JsonNode json = JSON.readTree(plan.toFile());
    assertThat(json.fieldNames()).toIterable().containsExactly("migrations", "unplaced", "summary");
    assertThat(json.get("migrations")).isNotEmpty().allSatisfy(m -> assertThat(m.fieldNames()).toIterable()
        .containsExactly("vm", "target", "wave", "estimatedSeconds"));
    assertThat(json.get("summary").fieldNames()).toIterable().containsExactly("moves", "waves", "estimatedSeconds");
    assertThat(json.get("summary").get("moves").asInt()).isEqualTo(json.get("migrations").size());
    Cli validated = Cli.run("validate", DATACENTER, "--plan", plan.toString(), "--format", "json");
    assertThat(validated.code()).isZero();
    assertThat(JSON.readTree(validated.out()).get("summary").get("errors").asInt()).isZero();
  }

  @Test
  void a_plan_that_leaves_vms_behind_still_validates_and_lists_them_with_reasons() throws Exception {
    Path plan = dir.resolve("plan.json");
    assertThat(Cli.run("plan", DATACENTER, "--evacuate", "esx-a1,esx-b2", "--format", "json", "-o", plan.toString()).code()).isEqualTo(1);
    JsonNode unplaced = JSON.readTree(plan.toFile()).get("unplaced");
    List<String> vms = new ArrayList<>();
    unplaced.forEach(u -> vms.add(u.get("vm").asText()));
    assertThat(vms).containsExactly("b-db-01", "b-new-01", "build-01");
    assertThat(unplaced.get(0).get("reasons").get(0).asText()).startsWith("every host of prod-b blocks it: ");
  }

  @Test
  void output_never_replaces_the_inventory() throws Exception {
    Path inventory = dir.resolve("inv.json");
    Files.copy(Path.of(DATACENTER), inventory);
    String before = Files.readString(inventory);
    Cli r = Cli.run("plan", inventory.toString(), "--evacuate", "esx-a2", "-o", inventory.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("is the input");
    assertThat(Files.readString(inventory)).isEqualTo(before);
    assertThat(Cli.run("plan", inventory.toString(), "--evacuate", "esx-a2", "-o", dir.toString()).err()).contains("is a directory");
  }

  @Test
  void a_move_that_only_makes_room_is_reported_as_such_and_runs_in_an_earlier_wave() throws Exception {
    // h1 is evacuated; its VM reserves 200 GiB, which fits on h2 only once h2's 100 GiB VM has gone to h3.
    Fixture f = Fixture.twoHosts().with(x -> {
      x.root().withArray("hosts").add(x.host(1).deepCopy().put("name", "h3").put("memoryMb", 131072));
      x.vm(0).put("memoryMb", 204800).putObject("reservation").put("memoryMb", 204800).put("cpuMhz", 0);
      x.addVm("small", "h2").put("memoryMb", 102400).putObject("reservation").put("memoryMb", 102400).put("cpuMhz", 0);
    });
    Path inventory = dir.resolve("room.json");
    Files.writeString(inventory, f.json());
    Cli r = Cli.run("plan", inventory.toString(), "--evacuate", "h1");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("2 moves (1 evacuating, 1 making room) in 2 waves")
        .containsPattern("Wave 1: 1 move.*\\n.*small +h2 +-> h3.*\\n +extra move: makes room on h2 for vm1: without this move h2 would be short"
            + " of 45056 MB of memory for the reservations")
        .containsPattern("Wave 2: 1 move.*\\n.*vm1 +h1 +-> h2");
  }

  @Test
  void rebalance_alone_plans_only_rebalancing_moves() {
    Cli r = Cli.run("plan", DATACENTER, "--rebalance");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("Plan: rebalance (examples/datacenter.json)");
  }

  @Test
  void validate_reads_a_plan_files_waves_and_estimates_strictly() throws Exception {
    Path plan = dir.resolve("bad.json");
    Files.writeString(plan, "{\"migrations\": [{\"vm\": \"web-01\", \"target\": \"esx-a2\", \"wave\": 0, \"estimatedSeconds\": -1}],"
        + " \"summary\": {}, \"unplaced\": []}");
    Cli r = Cli.run("validate", DATACENTER, "--plan", plan.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("migrations[0].wave: must be at least 1").contains("migrations[0].estimatedSeconds: must not be negative");
  }
}
