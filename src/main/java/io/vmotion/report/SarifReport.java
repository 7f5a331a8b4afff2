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
 *
 * <p>At scale, one result per finding is more than code scanning takes: GitHub accepts at most
 * {@value #GITHUB_RESULTS_LIMIT} results per run and rejects the upload above that ("SARIF results
 * exceed one or more limits", docs.github.com, code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit).
 * With {@link ReportOptions.SarifGranularity#CAUSE} (the default above the limit) a result stands
 * for one rule on one target host at one level, with the VMs it concerns and their count in its
 * properties. Each result's region is the line of its VM (or, for a cause, its host) in the
 * inventory file, where the file has such lines.
 */
public final class SarifReport implements ReportFormat {

  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String FINGERPRINT = "vmotionFinding/v1";
  static final String CAUSE_FINGERPRINT = "vmotionCause/v1";
  /** GitHub code scanning's hard limit of results per run. */
  public static final int GITHUB_RESULTS_LIMIT = 25_000;
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
      List<Finding> findings = input.findings();
      ReportOptions.SarifGranularity granularity = granularity(input.options().sarifGranularity(), findings.size());
      g.writeArrayFieldStart("results");
      if (granularity == ReportOptions.SarifGranularity.FINDING) {
        for (Finding f : findings) writeResult(g, f, index, input);
      } else {
        for (Cause c : causes(findings)) writeCause(g, c, index, input);
      }
      g.writeEndArray();
      // Readiness and each unknown fact's cause once: what the results' "not checked" notes add up to.
      g.writeObjectFieldStart("properties");
      g.writeStringField("granularity", granularity.option());
      if (input.lines().unavailable() != null) g.writeStringField("regions", "none: " + input.lines().unavailable());
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

  /** The granularity asked for, or by default one result per finding unless that is more than GitHub takes. */
  public static ReportOptions.SarifGranularity granularity(ReportOptions.SarifGranularity asked, long findings) {
    if (asked != null) return asked;
    return findings > GITHUB_RESULTS_LIMIT ? ReportOptions.SarifGranularity.CAUSE : ReportOptions.SarifGranularity.FINDING;
  }

  /** Findings of one rule at one level onto one target host, waived or not. */
  record Cause(String rule, Severity severity, String target, boolean waived, List<Finding> findings) {}

  /** Findings grouped by rule, target, severity and waived, in a stable order. */
  static List<Cause> causes(List<Finding> findings) {
    Map<String, Cause> byKey = new java.util.TreeMap<>();
    for (Finding f : findings) {
      String key = f.rule() + "\u0000" + f.target() + "\u0000" + (9 - f.severity().ordinal()) + "\u0000" + f.waived();
      byKey.computeIfAbsent(key, k -> new Cause(f.rule(), f.severity(), f.target(), f.waived(), new java.util.ArrayList<>())).findings().add(f);
    }
    return List.copyOf(byKey.values());
  }

  private static void writeCause(JsonGenerator g, Cause c, Map<String, Integer> index, ReportInput input) throws IOException {
    java.util.SortedSet<String> vms = new java.util.TreeSet<>();
    java.util.SortedSet<String> messages = new java.util.TreeSet<>();
    java.util.SortedSet<String> reasons = new java.util.TreeSet<>();
    for (Finding f : c.findings()) {
      vms.add(f.vm());
      if (messages.size() < 2) messages.add(f.message());
      if (f.waived()) reasons.add(f.waiver());
    }
    RuleInfo rule = input.rule(c.rule());
    Finding first = c.findings().get(0);
    g.writeStartObject();
    g.writeStringField("ruleId", c.rule());
    Integer i = index.get(c.rule());
    if (i != null) g.writeNumberField("ruleIndex", i);
    g.writeStringField("level", level(c.severity()));
    g.writeObjectFieldStart("message");
    String what = rule == null ? c.rule() : rule.title();
    int n = c.findings().size();
    g.writeStringField("text", what + " on target " + c.target() + ": " + n + (n == 1 ? " move" : " moves") + " of " + vms.size()
        + (vms.size() == 1 ? " VM" : " VMs") + (messages.size() == 1 ? " (" + first.message() + ")" : ", e.g. " + first.vm() + ": " + first.message())
        + ". Fix: " + first.remediation());
    g.writeEndObject();
    writeLocation(g, input, input.lines().host(c.target()));
    g.writeObjectFieldStart("partialFingerprints");
    g.writeStringField(CAUSE_FINGERPRINT, hash(c.rule() + "\u0000" + c.target() + "\u0000" + c.severity() + "\u0000" + c.waived()));
    g.writeEndObject();
    if (c.waived()) {
      g.writeArrayFieldStart("suppressions");
      g.writeStartObject();
      g.writeStringField("kind", "external");
      g.writeStringField("status", "accepted");
      g.writeStringField("justification", String.join("; ", reasons));
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeObjectFieldStart("properties");
    g.writeStringField("target", c.target());
    g.writeNumberField("count", n);
    g.writeArrayFieldStart("vms");
    for (String vm : vms) g.writeString(vm);
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeLocation(JsonGenerator g, ReportInput input, int line) throws IOException {
    g.writeArrayFieldStart("locations");
    g.writeStartObject();
    g.writeObjectFieldStart("physicalLocation");
    g.writeObjectFieldStart("artifactLocation");
    g.writeStringField("uri", input.inventory().replace('\\', '/'));
    g.writeEndObject();
    if (line > 0) {
      g.writeObjectFieldStart("region");
      g.writeNumberField("startLine", line);
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndArray();
  }

  private static void writeResult(JsonGenerator g, Finding f, Map<String, Integer> index, ReportInput input) throws IOException {
    g.writeStartObject();
    g.writeStringField("ruleId", f.rule());
    Integer i = index.get(f.rule());
    if (i != null) g.writeNumberField("ruleIndex", i);
    g.writeStringField("level", level(f.severity()));
    g.writeObjectFieldStart("message");
    g.writeStringField("text", f.vm() + " from " + f.source() + " to " + f.target() + ": " + f.message() + ". Fix: " + f.remediation());
    g.writeEndObject();
    writeLocation(g, input, input.lines().vm(f.vm()));
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
    return hash(f.rule() + "\u0000" + f.vm() + "\u0000" + f.source() + "\u0000" + f.target() + "\u0000" + f.step());
  }

  private static String hash(String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
