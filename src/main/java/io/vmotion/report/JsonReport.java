package io.vmotion.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vmotion.rules.CheckedVm;
import io.vmotion.rules.Evaluation;
import io.vmotion.rules.Finding;
import io.vmotion.rules.Severity;
import java.io.IOException;
import java.io.Writer;

/**
 * For machines: the contract of docs/inventory-format.md, streamed so that a report of millions of
 * findings needs no tree in memory.
 */
public final class JsonReport implements ReportFormat {

  // The caller owns the writer: closing the generator must not close it.
  private static final JsonFactory FACTORY = JsonFactory.builder().disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  @Override
  public void write(ReportInput input, Writer out) throws IOException {
    Evaluation e = input.evaluation();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      // One finding per line: readable and diff-friendly, and a third smaller than full indentation.
      g.setPrettyPrinter(new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
          .withArrayIndenter(com.fasterxml.jackson.core.util.DefaultIndenter.SYSTEM_LINEFEED_INSTANCE)
          .withObjectIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter("", "")));
      g.writeStartObject();
      g.writeArrayFieldStart("findings");
      java.util.List<Finding> shown = input.findings();
      for (Finding f : shown) {
        g.writeStartObject();
        g.writeStringField("rule", f.rule());
        g.writeStringField("severity", f.severity().json());
        g.writeStringField("vm", f.vm());
        g.writeStringField("source", f.source());
        g.writeStringField("target", f.target());
        g.writeStringField("message", f.message());
        if (f.step() > 0) g.writeNumberField("step", f.step());
        if (f.waived()) {
          g.writeBooleanField("waived", true);
          g.writeStringField("waiver", f.waiver());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("vms");
      for (CheckedVm vm : e.vms()) {
        g.writeStartObject();
        g.writeStringField("name", vm.name());
        g.writeStringField("host", vm.host());
        g.writeStringField("readiness", vm.readiness().json());
        g.writeArrayFieldStart("compatibleTargets");
        for (String t : vm.compatibleTargets()) g.writeString(t);
        g.writeEndArray();
        g.writeArrayFieldStart("undecidedTargets");
        for (String t : vm.undecidedTargets()) g.writeString(t);
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("summary");
      g.writeNumberField("errors", e.count(Severity.ERROR));
      g.writeNumberField("warnings", e.count(Severity.WARNING));
      g.writeNumberField("infos", e.count(Severity.INFO));
      g.writeNumberField("waived", e.waived());
      g.writeNumberField("pairs", e.pairs());
      g.writeNumberField("undecidedMoves", e.undecidedMoves());
      UnknownSection.writeReadiness(g, e);
      g.writeEndObject();
      UnknownSection.writeUnknown(g, e.unknown());
      // Each rule's fix once, not once per finding: a large inventory has half a million findings.
      java.util.Set<String> found = new java.util.TreeSet<>();
      for (Finding f : shown) found.add(f.rule());
      g.writeObjectFieldStart("rules");
      for (io.vmotion.rules.RuleInfo r : input.rules()) {
        if (!found.contains(r.id())) continue;
        g.writeObjectFieldStart(r.id());
        g.writeStringField("severity", r.severity().json());
        g.writeStringField("title", r.title());
        g.writeStringField("remediation", r.remediation());
        if (r.fault() != null) g.writeStringField("fault", r.fault());
        if (r.docs() != null) g.writeStringField("docs", r.docs());
        g.writeEndObject();
      }
      g.writeEndObject();
      writeCauses(g, RootCauses.of(input));
      if (input.options().minSeverity() != Severity.INFO) g.writeStringField("minSeverity", input.options().minSeverity().json());
      g.writeEndObject();
    }
    out.write('\n');
  }

  /** The root-cause view: the VMs with no compatible target, then the causes, costliest first. */
  private static void writeCauses(JsonGenerator g, RootCauses rc) throws IOException {
    g.writeArrayFieldStart("noCompatibleTarget");
    for (CheckedVm vm : rc.noTarget()) g.writeString(vm.name());
    g.writeEndArray();
    g.writeArrayFieldStart("causes");
    for (RootCauses.Cause c : rc.causes()) {
      g.writeStartObject();
      g.writeStringField("rule", c.rule());
      if (c.clusterWide()) {
        g.writeStringField("cluster", c.cluster());
        g.writeNumberField("hosts", c.hosts());
      } else {
        g.writeStringField("host", c.host());
        if (c.cluster() != null) g.writeStringField("cluster", c.cluster());
      }
      g.writeNumberField("moves", c.moves());
      g.writeStringField("title", c.title());
      g.writeStringField("fix", c.fix());
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
