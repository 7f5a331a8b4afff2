package io.vmotion.inventory.vsphere;

import io.vmotion.inventory.imports.HostDraft;
import io.vmotion.inventory.imports.ImportedInventory;
import io.vmotion.inventory.imports.VmDraft;

/**
 * One gap of a dump (a missing object or property), as written to the inventory's unknownCauses:
 * what is missing and how to fill it. Marking a field unknown through a gap records both the
 * field in the draft's "unknown" and the cause, so neither is forgotten.
 */
record Gap(String cause, String fix) {

  void host(ImportedInventory inv, HostDraft h, String field) {
    h.unknown.add(field);
    inv.hostCause(cause, fix, field, h.name);
  }

  void vm(ImportedInventory inv, VmDraft v, String field) {
    v.unknown.add(field);
    inv.vmCause(cause, fix, field, v.name);
  }
}
