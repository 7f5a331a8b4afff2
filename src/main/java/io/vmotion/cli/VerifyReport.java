package io.vmotion.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vmotion.checker.CheckResult;
import io.vmotion.checker.ModelChecker;
import io.vmotion.checker.Statistics;
import io.vmotion.checker.TraceStep;
import io.vmotion.protocol.Bounds;
import io.vmotion.protocol.Fault;
import io.vmotion.protocol.MigrationConfig;
import io.vmotion.protocol.MigrationProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders one verification result as TLC-like text or as the JSON contract. */
final class VerifyReport {
  static final List<String> PROPERTIES = List.of(MigrationProperties.EXACTLY_ONE_RUNNER,
      MigrationProperties.NO_PAGE_LOST, MigrationProperties.NETWORK_IDENTITY, MigrationProperties.FREE_AFTER_COMMIT,
      ModelChecker.NO_DEADLOCK, ModelChecker.PROGRESS, ModelChecker.TERMINATION);

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private VerifyReport() {
  }

  static String text(MigrationConfig config, CheckResult result) {
    Statistics stats = result.statistics();
    StringBuilder out = new StringBuilder();
    out.append("vmotion verify: model checking the live-migration protocol\n");
    Bounds bounds = config.bounds();
    out.append("Bounds:       ").append(bounds).append('\n');
    if (bounds.effectiveRounds() < bounds.rounds()) {
      out.append("Rounds:       at most ").append(bounds.effectiveRounds()).append(" can happen (each further round needs ")
          .append(bounds.threshold() + 1).append(" more guest writes); more explore the same states\n");
    }
    out.append("Faults:       ").append(Fault.describe(config.faults())).append('\n');
    out.append("Reductions:   ").append(config.describeReductions()).append('\n');
    out.append("Variant:      ").append(config.variant().cliName()).append('\n');
    out.append("Properties:   ").append(String.join(", ", PROPERTIES)).append('\n');
    out.append(String.format(Locale.ROOT, "States:       %,d distinct%n", stats.states()));
    out.append(String.format(Locale.ROOT, "Transitions:  %,d%n", stats.transitions()));
    out.append(String.format(Locale.ROOT, "Depth:        %d%n", stats.depth()));
    out.append(String.format(Locale.ROOT, "Seconds:      %.2f%n", stats.seconds()));
    out.append(String.format(Locale.ROOT, "States/s:     %,.0f%n", stats.statesPerSecond()));
    if (result.passed()) {
      out.append("PASS: every property holds on every reachable state\n");
      return out.toString();
    }
    out.append("VIOLATION of ").append(result.violatedProperty()).append('\n');
    out.append("Counterexample (").append(result.trace().size()).append(" steps):\n");
    for (TraceStep step : result.trace()) {
      out.append(String.format(Locale.ROOT, "%3d. %s%n", step.step(), step.action()));
      out.append("     ").append(step.state()).append('\n');
    }
    if (result.loopsBackToStep() > 0) {
      out.append("     (the last state is the state of step ").append(result.loopsBackToStep())
          .append(": the run can cycle forever)\n");
    }
    if (!result.explanation().isEmpty()) {
      out.append("Why:          ").append(result.explanation()).append('\n');
    }
    return out.toString();
  }

  static String json(MigrationConfig config, CheckResult result) {
    Statistics stats = result.statistics();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("result", result.passed() ? "pass" : "violation");
    root.put("property", result.violatedProperty());
    root.put("states", stats.states());
    root.put("transitions", stats.transitions());
    root.put("depth", stats.depth());
    root.put("seconds", Math.round(stats.seconds() * 1000) / 1000.0);
    List<Map<String, Object>> trace = new ArrayList<>();
    for (TraceStep step : result.trace()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("step", step.step());
      entry.put("action", step.action());
      entry.put("state", step.state());
      trace.add(entry);
    }
    root.put("trace", trace);
    if (result.loopsBackToStep() > 0) {
      root.put("loopsBackToStep", result.loopsBackToStep());
    }
    if (!result.passed()) {
      root.put("explanation", result.explanation());
    }
    root.put("statesPerSecond", Math.round(stats.statesPerSecond()));
    root.put("variant", config.variant().cliName());
    root.put("faults", config.faults().isEmpty() ? List.of()
        : List.of(Fault.describe(config.faults()).split(",")));
    root.put("reductions", config.reductions().isEmpty() ? List.of()
        : List.of(config.describeReductions().split(",")));
    Bounds bounds = config.bounds();
    Map<String, Object> boundsJson = new LinkedHashMap<>();
    boundsJson.put("pages", bounds.pages());
    boundsJson.put("writes", bounds.writes());
    boundsJson.put("rounds", bounds.rounds());
    boundsJson.put("threshold", bounds.threshold());
    boundsJson.put("faultBudget", bounds.faultBudget());
    boundsJson.put("announceLossBudget", bounds.announceLossBudget());
    boundsJson.put("attempts", bounds.attempts());
    boundsJson.put("effectiveRounds", bounds.effectiveRounds());
    root.put("bounds", boundsJson);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a report of plain maps and numbers cannot fail to serialize", e);
    }
  }
}
