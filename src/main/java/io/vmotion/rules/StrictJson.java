package io.vmotion.rules;

import io.vmotion.inventory.JsonPositions;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vmotion.inventory.InputProblem;
import io.vmotion.inventory.InvalidInputException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Small strict readers for vmotion's own JSON files (waivers, rule cases): known fields only, typed, with paths. */
final class StrictJson {

  static final JsonMapper MAPPER = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private StrictJson() {}

  static JsonNode parse(String file, String text, String expected) throws InvalidInputException {
    List<String> lines = text.lines().toList();
    if (text.isBlank()) throw InvalidInputException.of(file, "the file is empty; expected " + expected);
    try {
      JsonNode root = MAPPER.readTree(text);
      if (root == null || !root.isObject()) {
        throw new InvalidInputException(List.of(new InputProblem(file, "", 1, 1, "expected " + expected)), lines);
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      throw new InvalidInputException(List.of(new InputProblem(file, "", loc == null ? 0 : loc.getLineNr(),
          loc == null ? 0 : loc.getColumnNr(), io.vmotion.inventory.InputText.jsonMessage(e))), lines);
    }
  }

  static void unknownFields(String file, JsonNode node, String path, Set<String> known, List<InputProblem> problems) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (known.contains(name)) continue;
      List<String> near = JsonPositions.closest(name, known, 1);
      problems.add(new InputProblem(file, child(path, name), 0, 0, "unknown field"
          + (near.isEmpty() ? "" : "; did you mean \"" + near.get(0) + "\"?") + " Known fields here: " + String.join(", ", known)));
    }
  }

  /** A string field: null when absent; a problem when present but not a non-empty string. */
  static String string(String file, JsonNode node, String path, String field, boolean required, List<InputProblem> problems) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) problems.add(new InputProblem(file, child(path, field), 0, 0, "required field is missing; expected a string"));
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      problems.add(new InputProblem(file, child(path, field), 0, 0, "expected a non-empty string, found " + describe(v)));
      return null;
    }
    return v.asText();
  }

  static String child(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  static String describe(JsonNode v) {
    if (v.isTextual()) return "the string \"" + v.asText() + "\"";
    if (v.isNumber()) return "the number " + v.asText();
    if (v.isBoolean()) return v.asText();
    if (v.isArray()) return "an array";
    if (v.isObject()) return "an object";
    return "null";
  }
}
