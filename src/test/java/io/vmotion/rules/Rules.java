package io.vmotion.rules;

import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.InvalidInputException;
import io.vmotion.inventory.InventoryReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The repository's rules/ folder, built once for all tests of a JVM. */
public final class Rules {

  private static RuleBase base;

  private Rules() {}

  public static synchronized RuleBase folder() {
    if (base == null) {
      try {
        base = RuleBase.build(List.of(RuleSource.folder(Path.of("rules"))));
      } catch (IOException | RuleBuildException e) {
        throw new IllegalStateException(e);
      }
    }
    return base;
  }

  public static Evaluation evaluate(String json) {
    try {
      Inventory inv = new InventoryReader(folder().data().evcModes()).read("fixture.json", json);
      return new Evaluator(folder()).evaluate(inv, Scope.CLUSTER);
    } catch (InvalidInputException e) {
      throw new IllegalStateException(e.render(), e);
    }
  }
}
