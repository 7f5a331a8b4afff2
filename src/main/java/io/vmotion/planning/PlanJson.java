package io.vmotion.planning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The plan as JSON, a contract: {@code {"migrations": [{"vm", "target", "wave", "estimatedSeconds"}],
 * "unplaced": [{"vm", "reasons": [...]}], "summary": {"moves", "waves", "estimatedSeconds"}}}, one
 * migration per line. It is itself a plan for {@code vmotion validate --plan}, which reads the
 * migrations in order and ignores the rest. Seconds have one decimal.
 */
public final class PlanJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PlanJson() {}

  public static void write(Plan plan, Writer w) throws IOException {
    w.write("{\n  \"migrations\": [");
    List<PlannedMove> moves = plan.migrations();
    for (int i = 0; i < moves.size(); i++) {
      PlannedMove m = moves.get(i);
      w.write(i == 0 ? "\n" : ",\n");
      w.write("    {\"vm\": " + str(m.vm()) + ", \"target\": " + str(m.target()) + ", \"wave\": " + m.wave() + ", \"estimatedSeconds\": "
          + seconds(m.estimatedSeconds()) + "}");
    }
    w.write(moves.isEmpty() ? "],\n" : "\n  ],\n");
    w.write("  \"unplaced\": [");
    List<Unplaced> unplaced = plan.unplaced();
    for (int i = 0; i < unplaced.size(); i++) {
      Unplaced u = unplaced.get(i);
      w.write(i == 0 ? "\n" : ",\n");
      w.write("    {\"vm\": " + str(u.vm()) + ", \"reasons\": [");
      for (int j = 0; j < u.reasons().size(); j++) w.write((j == 0 ? "\n" : ",\n") + "      " + str(u.reasons().get(j)));
      w.write("\n    ]}");
    }
    w.write(unplaced.isEmpty() ? "],\n" : "\n  ],\n");
    w.write("  \"summary\": {\"moves\": " + moves.size() + ", \"waves\": " + plan.waves() + ", \"estimatedSeconds\": "
        + seconds(plan.estimatedSeconds()) + "}\n}\n");
  }

  static String seconds(double s) {
    return Double.toString(Math.round(s * 10) / 10.0);
  }

  private static String str(String s) throws JsonProcessingException {
    return JSON.writeValueAsString(s);
  }
}
