package io.vmotion.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vmotion.rules.Finding;
import io.vmotion.rules.RuleInfo;
import io.vmotion.rules.Severity;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for code-scanning dashboards. The fingerprint of a finding hashes its rule, VM,
 * source and target but not its message, so a finding keeps its identity when only its numbers
 * change, and dashboards track it from run to run.
 */
public final class SarifReport implements ReportFormat {

  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String FINGERPRINT = "vmotionFinding/v1";
  // The caller owns the writer: closing the generator must not close it.
  private static final JsonFactory FACTORY = JsonFactory.builder().disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  @Override
  public void write(ReportInput input, Writer out) throws IOException {
    List<RuleInfo> rules = input.rules();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < rules.size(); i++) index.put(rules.get(i).id(), i);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("$schema", SCHEMA);
      g.writeStringField("version", "2.1.0");
      g.writeArrayFieldStart("runs");
      g.writeStartObject();
      g.writeObjectFieldStart("tool");
      g.writeObjectFieldStart("driver");
      g.writeStringField("name", "vmotion");
      g.writeStringField("semanticVersion", Version.current());
      g.writeStringField("informationUri", "https://github.com/vmotion/vmotion");
      g.writeArrayFieldStart("rules");
      for (RuleInfo r : rules) writeRule(g, r);
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
      g.writeArrayFieldStart("results");
      for (Finding f : input.evaluation().findings()) writeResult(g, f, index, input.inventory());
      g.writeEndArray();
      // Readiness and each unknown fact's cause once: what the results' "not checked" notes add up to.
      g.writeObjectFieldStart("properties");
      UnknownSection.writeReadiness(g, input.evaluation());
      UnknownSection.writeUnknown(g, input.evaluation().unknown());
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
  }

  private static void writeRule(JsonGenerator g, RuleInfo r) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", r.id());
    g.writeObjectFieldStart("shortDescription");
    g.writeStringField("text", r.title());
    g.writeEndObject();
    if (r.explain() != null) {
      g.writeObjectFieldStart("fullDescription");
      g.writeStringField("text", r.explain());
      g.writeEndObject();
    }
    g.writeObjectFieldStart("help");
    g.writeStringField("text", r.remediation());
    g.writeEndObject();
    if (r.docs() != null) g.writeStringField("helpUri", r.docs());
    g.writeObjectFieldStart("defaultConfiguration");
    g.writeStringField("level", level(r.severity()));
    g.writeEndObject();
    g.writeObjectFieldStart("properties");
    if (r.fault() != null) g.writeStringField("vsphereFault", r.fault());
    g.writeStringField("file", r.file());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeResult(JsonGenerator g, Finding f, Map<String, Integer> index, String inventory) throws IOException {
    g.writeStartObject();
    g.writeStringField("ruleId", f.rule());
    Integer i = index.get(f.rule());
    if (i != null) g.writeNumberField("ruleIndex", i);
    g.writeStringField("level", level(f.severity()));
    g.writeObjectFieldStart("message");
    g.writeStringField("text", f.vm() + " from " + f.source() + " to " + f.target() + ": " + f.message() + ". Fix: " + f.remediation());
    g.writeEndObject();
    g.writeArrayFieldStart("locations");
    g.writeStartObject();
    g.writeObjectFieldStart("physicalLocation");
    g.writeObjectFieldStart("artifactLocation");
    g.writeStringField("uri", inventory.replace('\\', '/'));
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndArray();
    g.writeObjectFieldStart("partialFingerprints");
    g.writeStringField(FINGERPRINT, fingerprint(f));
    g.writeEndObject();
    if (f.waived()) {
      // A waiver is SARIF's external suppression: viewers show the result as suppressed, with the reason.
      g.writeArrayFieldStart("suppressions");
      g.writeStartObject();
      g.writeStringField("kind", "external");
      g.writeStringField("status", "accepted");
      g.writeStringField("justification", f.waiver());
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeObjectFieldStart("properties");
    g.writeStringField("vm", f.vm());
    g.writeStringField("source", f.source());
    g.writeStringField("target", f.target());
    if (f.step() > 0) g.writeNumberField("step", f.step());
    g.writeEndObject();
    g.writeEndObject();
  }

  static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  static String fingerprint(Finding f) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String key = f.rule() + "\u0000" + f.vm() + "\u0000" + f.source() + "\u0000" + f.target() + "\u0000" + f.step();
      return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
