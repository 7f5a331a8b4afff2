package io.vmotion.app;

import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.InventoryReader;
import io.vmotion.rules.RuleBase;

/**
 * What every command works on once its inputs are read: the inventory (whatever format it came
 * in), under the name reports give it, and the rule base built for it. The reader is kept because
 * a plan is read against the inventory it moves VMs of.
 */
public record Workspace(String name, Inventory inventory, RuleBase rules, InventoryReader reader) {

  public Workspace withInventory(Inventory changed) {
    return new Workspace(name, changed, rules, reader);
  }
}
