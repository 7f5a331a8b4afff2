package io.vmotion.rules;

import java.util.List;

/** A rule set that does not build; carries every problem found. */
public final class RuleBuildException extends Exception {

  private final List<RuleProblem> problems;

  public RuleBuildException(List<RuleProblem> problems) {
    super(problems.isEmpty() ? "rule build failed" : problems.get(0).render());
    this.problems = List.copyOf(problems);
  }

  public List<RuleProblem> problems() {
    return problems;
  }

  public String render() {
    StringBuilder sb = new StringBuilder();
    problems.forEach(p -> sb.append(p.render()));
    return sb.toString();
  }
}
