package io.vmotion.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vmotion.rules.Evaluation;
import io.vmotion.rules.Readiness;
import io.vmotion.rules.UnknownSummary;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What the machine formats (JSON, SARIF) say of unknown facts and readiness, in one shape: each
 * cause once with its counts, and the number of VMs per readiness.
 */
final class UnknownSection {

  private UnknownSection() {}

  static void writeUnknown(JsonGenerator g, List<UnknownSummary> unknown) throws IOException {
    g.writeArrayFieldStart("unknown");
    for (UnknownSummary u : unknown) {
      g.writeStartObject();
      g.writeStringField("cause", u.cause());
      if (u.fix() != null) g.writeStringField("fix", u.fix());
      strings(g, "hostFields", u.hostFields());
      strings(g, "vmFields", u.vmFields());
      g.writeNumberField("hosts", u.hosts());
      g.writeNumberField("vms", u.vms());
      strings(g, "rules", u.rules());
      g.writeNumberField("undecidedMoves", u.undecidedMoves());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static void writeReadiness(JsonGenerator g, Evaluation e) throws IOException {
    g.writeObjectFieldStart("readiness");
    for (Map.Entry<Readiness, Long> r : e.readiness().entrySet()) g.writeNumberField(r.getKey().json(), r.getValue());
    g.writeEndObject();
  }

  private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) g.writeString(v);
    g.writeEndArray();
  }

  /** "tab vLicense is missing: license unknown on 7 hosts; license.vmotion left undecided on 18 moves". */
  static String describe(UnknownSummary u) {
    StringBuilder sb = new StringBuilder(u.cause()).append(": ");
    List<String> facts = new java.util.ArrayList<>();
    u.hostFields().forEach(f -> facts.add(new io.vmotion.rules.UnknownFact("target", f).label()));
    u.vmFields().forEach(f -> facts.add(new io.vmotion.rules.UnknownFact("vm", f).label()));
    sb.append(String.join(", ", facts)).append(" unknown on ");
    List<String> who = new java.util.ArrayList<>();
    if (u.hosts() > 0) who.add(u.hosts() + (u.hosts() == 1 ? " host" : " hosts"));
    if (u.vms() > 0) who.add(u.vms() + (u.vms() == 1 ? " VM" : " VMs"));
    sb.append(who.isEmpty() ? "nothing" : String.join(" and ", who));
    if (u.rules().isEmpty()) {
      sb.append("; every rule that reads it is decided by the known facts");
    } else {
      sb.append("; ").append(String.join(", ", u.rules())).append(" undecided on ").append(u.undecidedMoves())
          .append(u.undecidedMoves() == 1 ? " move" : " moves");
    }
    return sb.toString();
  }
}
