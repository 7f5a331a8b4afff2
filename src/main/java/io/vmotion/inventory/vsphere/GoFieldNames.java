package io.vmotion.inventory.vsphere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * govc before 0.35 wrote managed objects with Go field names ("Self", "Summary", "EditionKey");
 * since then its JSON uses the vSphere API's camelCase names ("self", "summary", "editionKey").
 * The importer reads Go names; a camelCase dump is rewritten to them, which for govmomi's types is
 * the same name with its first letter in upper case ("maxEVCModeKey" → "MaxEVCModeKey").
 */
final class GoFieldNames {

  private GoFieldNames() {}

  /** The dump with Go field names: unchanged when it already has them. */
  static JsonNode normalize(JsonNode root) {
    return camelCase(root) ? rename(root) : root;
  }

  /** Whether a managed object in the dump carries its reference as "self" rather than "Self". */
  static boolean camelCase(JsonNode root) {
    if (root.isArray()) {
      for (JsonNode n : root) {
        if (n.isObject() && n.has("self") && !n.has("Self")) return true;
        if (n.isArray() && camelCase(n)) return true;
      }
    } else if (root.isObject()) {
      if (root.has("self") && !root.has("Self")) return true;
      for (Iterator<JsonNode> it = root.elements(); it.hasNext(); ) {
        JsonNode v = it.next();
        if (v.isArray() && camelCase(v)) return true;
      }
    }
    return false;
  }

  private static JsonNode rename(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String k = e.getKey();
        String go = !k.isEmpty() && Character.isLowerCase(k.charAt(0)) ? Character.toUpperCase(k.charAt(0)) + k.substring(1) : k;
        // Keep a Go-named field if both spellings are present.
        if (!out.has(go) || go.equals(k)) out.set(go, rename(e.getValue()));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(n -> out.add(rename(n)));
      return out;
    }
    return node;
  }
}
