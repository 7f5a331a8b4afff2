package io.vmotion.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of each host and VM object in an inventory file, so that a SARIF result points at the
 * VM or host it is about. An imported inventory (an RVTools workbook, a vSphere dump) has no such
 * lines: its inventory exists only in memory, and {@code unavailable} says why.
 */
public record InventoryLines(Map<String, Integer> hosts, Map<String, Integer> vms, String unavailable) {

  public static final InventoryLines NONE = new InventoryLines(Map.of(), Map.of(), null);

  private static final JsonFactory FACTORY = new JsonFactory();

  public InventoryLines {
    hosts = Map.copyOf(hosts);
    vms = Map.copyOf(vms);
  }

  /** No lines, and why. */
  public static InventoryLines unavailable(String why) {
    return new InventoryLines(Map.of(), Map.of(), why);
  }

  /** The line of the VM's object, or 0. */
  public int vm(String name) {
    return vms.getOrDefault(name, 0);
  }

  /** The line of the host's object, or 0. */
  public int host(String name) {
    return hosts.getOrDefault(name, 0);
  }

  /**
   * Streams inventory format v1 text once: the line where each element of "hosts" and "vms" opens,
   * under its "name". Text that does not parse yields what was found before the problem (the
   * reader has refused such an inventory long before a report is written).
   */
  public static InventoryLines of(String text) {
    Map<String, Integer> hosts = new HashMap<>();
    Map<String, Integer> vms = new HashMap<>();
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return new InventoryLines(hosts, vms, null);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        Map<String, Integer> into = field.equals("hosts") ? hosts : field.equals("vms") ? vms : null;
        if (into == null || value != JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
          int line = p.currentTokenLocation().getLineNr();
          String name = null;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (key.equals("name") && v == JsonToken.VALUE_STRING) name = p.getText();
            else p.skipChildren();
          }
          if (name != null) into.putIfAbsent(name, line);
        }
      }
    } catch (IOException e) {
      // What was found before the problem stands.
    }
    return new InventoryLines(hosts, vms, null);
  }
}
