package io.vmotion.inventory.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** An imported inventory in format v1, and every gap the import had to fill or skip. */
public record ImportResult(ObjectNode inventory, List<String> warnings) {
  public ImportResult {
    warnings = List.copyOf(warnings);
  }
}
