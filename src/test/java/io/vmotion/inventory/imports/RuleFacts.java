package io.vmotion.inventory.imports;

import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.InventoryReader;
import io.vmotion.rules.RuleBase;
import io.vmotion.rules.facts.EvcBaseline;
import io.vmotion.rules.facts.GuestOs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The built-in rule data as the importers get it, built once for all import tests. */
public final class RuleFacts {

  private static RuleBase rules;

  private RuleFacts() {}

  public static synchronized RuleBase rules() {
    if (rules == null) {
      try {
        rules = RuleBase.builtin();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return rules;
  }

  public static EvcCatalog evc() {
    Map<String, Set<String>> features = new LinkedHashMap<>();
    Map<String, String> vendors = new LinkedHashMap<>();
    for (EvcBaseline b : rules().data().baselines().values()) {
      features.put(b.key(), b.features());
      vendors.put(b.key(), b.vendor());
    }
    return new EvcCatalog(features, vendors);
  }

  public static Map<String, String> guestLabels() {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Object f : rules().data().facts()) if (f instanceof GuestOs g) labels.put(g.guestId(), g.label());
    return labels;
  }

  /** Reads an imported inventory with the strict reader: it must have no problem at all. */
  public static Inventory readBack(ImportResult result) throws Exception {
    String text = Fixture.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result.inventory());
    return new InventoryReader(rules().data().evcModes()).read("imported.json", text);
  }

  private static final class Fixture {
    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
  }
}
