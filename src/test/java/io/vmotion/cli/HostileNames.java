package io.vmotion.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The bundled example with VMs renamed to what an attacker, or a careless export, puts in a name. */
final class HostileNames {

  static final String SCRIPT = "<script>alert(\"x\")</script>";
  static final String MARKUP = "a&b 'q' \"dq\", =1+1 <img src=x onerror=alert(1)>";
  /** A newline that would forge a finding line, and an ESC sequence that would colour the terminal. */
  static final String FORGER = "evil\n  ERROR forged -> esx-a1: all fine\u001b[31m";
  static final String XML_FORBIDDEN = "nul\u0000esc\u001bnon\ufffe";

  /** Which example VM gets which name. */
  static final Map<String, String> RENAMED = new LinkedHashMap<>();

  static {
    RENAMED.put("ad-01", SCRIPT);
    RENAMED.put("sql-01", MARKUP);
    RENAMED.put("api-01", FORGER);
    RENAMED.put("b-db-01", XML_FORBIDDEN);
  }

  private HostileNames() {}

  static Path write(Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode inventory = json.readTree(Path.of("examples/datacenter.json").toFile());
    for (JsonNode vm : inventory.get("vms")) {
      String renamed = RENAMED.get(vm.get("name").asText());
      if (renamed != null) ((ObjectNode) vm).put("name", renamed);
    }
    Path file = dir.resolve("hostile.json");
    Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(inventory));
    return file;
  }
}
