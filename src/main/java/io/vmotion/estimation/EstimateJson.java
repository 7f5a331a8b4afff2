package io.vmotion.estimation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An estimate as the JSON contract of issue 10 has it ({@code rounds}, {@code totalSeconds},
 * {@code downtimeMs}, {@code converges}, {@code verdict}), with the stop reason, the effective
 * bandwidth, the input and the assumptions added. Numbers are rounded to three decimals so that the
 * same input always prints the same text.
 */
public final class EstimateJson {

  public static final ObjectMapper JSON = new ObjectMapper();

  private EstimateJson() {}

  public static ObjectNode of(Estimate e) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode rounds = o.putArray("rounds");
    for (Round r : e.rounds()) {
      rounds.addObject()
          .put("round", r.round())
          .put("megabytes", number(r.megabytes()))
          .put("seconds", number(r.seconds()))
          .put("phase", r.round() == e.precopyRounds() ? "stun" : "pre-copy");
    }
    o.put("totalSeconds", number(e.totalSeconds()));
    o.put("downtimeMs", number(e.downtimeMs()));
    o.put("converges", e.converges());
    o.put("verdict", e.verdict().json());
    o.put("precopyRounds", e.precopyRounds());
    o.put("stopReason", e.stopReason().json());
    o.put("effectiveMiBps", number(e.effectiveMiBps()));
    EstimateInput in = e.input();
    o.putObject("input")
        .put("memoryMb", number(in.memoryMb()))
        .put("linkMbps", number(in.linkMbps()))
        .put("dirtyMbps", number(in.dirtyMbps()))
        .put("hotSetMb", number(in.hotSetMb()))
        .put("concurrent", in.concurrent())
        .put("switchoverMs", number(in.switchoverMs()))
        .put("deviceStateMb", number(in.deviceStateMb()))
        .put("efficiency", number(in.efficiency()))
        .put("maxPrecopyRounds", in.maxPrecopyRounds())
        .put("overheadSeconds", number(in.overheadSeconds()));
    ArrayNode notes = o.putArray("assumptions");
    in.assumptions().forEach(notes::add);
    return o;
  }

  /** Three decimals, no exponent, no trailing zeros: 65536, 61.083, 0.396. */
  public static BigDecimal number(double value) {
    BigDecimal d = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
    return d.signum() == 0 ? BigDecimal.ZERO : d;
  }

  public static String write(JsonNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().with(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .writeValueAsString(node) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }
}
