package io.vmotion.inventory.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * An imported inventory in format v1, and every gap the import had to fill or skip.
 * {@code emptyReason} says why it gives nothing to check (no VM, or no powered-on VM, and what the
 * source lacked), or is null.
 */
public record ImportResult(ObjectNode inventory, List<String> warnings, String emptyReason) {
  public ImportResult {
    warnings = List.copyOf(warnings);
  }

  public ImportResult(ObjectNode inventory, List<String> warnings) {
    this(inventory, warnings, null);
  }

  /** Why the import gives nothing to check: "no VM imported: tab vInfo is missing"; empty when it has a powered-on VM. */
  public Optional<String> emptyImport() {
    return Optional.ofNullable(emptyReason);
  }
}
