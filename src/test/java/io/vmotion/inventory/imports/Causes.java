package io.vmotion.inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmotion.inventory.Host;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads an imported inventory's "unknownCauses" and checks that every unknown field has one. */
public final class Causes {

  private Causes() {}

  /** The causes by their text, each with the fields and the hosts or VMs it names. */
  public record Cause(String cause, String fix, List<String> hostFields, List<String> hosts, List<String> vmFields, List<String> vms) {}

  public static Map<String, Cause> of(JsonNode inventory) {
    Map<String, Cause> out = new LinkedHashMap<>();
    for (JsonNode c : inventory.path("unknownCauses")) {
      Cause cause = new Cause(c.path("cause").asText(), c.path("fix").asText(null), strings(c.path("hostFields")), strings(c.path("hosts")),
          strings(c.path("vmFields")), strings(c.path("vms")));
      assertThat(out).as("cause stated twice: " + cause.cause()).doesNotContainKey(cause.cause());
      out.put(cause.cause(), cause);
    }
    return out;
  }

  public static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** The unknown fields of a host or VM of the inventory, by name. */
  public static List<String> unknown(JsonNode inventory, String array, String name) {
    for (JsonNode o : inventory.path(array)) if (o.path("name").asText().equals(name)) return strings(o.path("unknown"));
    throw new AssertionError("no " + array + " entry " + name);
  }

  /**
   * Every field a host or VM lists as unknown is explained by a cause that names both the field
   * and that host or VM ("cpu" covers the cpu.* parts, and is covered by causes of all of them), and
   * every cause names only fields its hosts and VMs list as unknown (or parts of "cpu").
   */
  public static void assertEveryUnknownHasACause(JsonNode inventory) {
    Map<String, Cause> causes = of(inventory);
    for (JsonNode h : inventory.path("hosts")) {
      String name = h.path("name").asText();
      List<String> unknown = strings(h.path("unknown"));
      for (String f : unknown) {
        boolean covered = causes.values().stream().anyMatch(c -> c.hosts().contains(name)
            && (c.hostFields().contains(f) || (f.equals("cpu") && c.hostFields().stream().anyMatch(x -> x.startsWith("cpu")))
                || (f.startsWith("cpu.") && c.hostFields().contains("cpu"))));
        assertThat(covered).as("host " + name + ": unknown " + f + " has no cause").isTrue();
      }
    }
    for (JsonNode v : inventory.path("vms")) {
      String name = v.path("name").asText();
      for (String f : strings(v.path("unknown"))) {
        boolean covered = causes.values().stream().anyMatch(c -> c.vms().contains(name) && c.vmFields().contains(f));
        assertThat(covered).as("VM " + name + ": unknown " + f + " has no cause").isTrue();
      }
    }
    for (Cause c : causes.values()) {
      for (String host : c.hosts()) {
        List<String> unknown = unknown(inventory, "hosts", host);
        for (String f : c.hostFields()) {
          // A cause may name a field only for some of its hosts; at least one must list it.
          boolean listedSomewhere = c.hosts().stream().anyMatch(x -> {
            List<String> u = unknown(inventory, "hosts", x);
            return u.contains(f) || (f.startsWith("cpu.") && u.contains("cpu")) || (f.equals("cpu") && u.stream().anyMatch(y -> y.startsWith("cpu")));
          });
          assertThat(listedSomewhere).as("cause \"" + c.cause() + "\" names " + f + " that none of its hosts lists as unknown").isTrue();
        }
        assertThat(unknown).as("cause \"" + c.cause() + "\" names host " + host + " that lists nothing unknown").isNotEmpty();
      }
      // vCenter's settings are unknown for the whole inventory ("vcenter"."unknown"), not in a VM's list.
      boolean vcenterOnly = c.vmFields().stream().allMatch(f -> strings(inventory.at("/vcenter/unknown")).contains(f));
      for (String vm : c.vms()) {
        if (vcenterOnly) continue;
        assertThat(unknown(inventory, "vms", vm)).as("cause \"" + c.cause() + "\" names VM " + vm + " that lists nothing unknown").isNotEmpty();
      }
    }
    assertThat(Host.CPU_PARTS).isNotEmpty();
  }

  /** No unknown field fell back to the cause of last resort: the importer said why each is unknown. */
  public static void assertAllExplainedByTheImporter(JsonNode inventory) {
    assertEveryUnknownHasACause(inventory);
    assertThat(of(inventory)).doesNotContainKey(ImportedInventory.UNEXPLAINED);
  }
}
