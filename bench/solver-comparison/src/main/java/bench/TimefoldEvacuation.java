package bench;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintCollectors;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;
import java.util.List;

/**
 * The evacuation as a Timefold model, as close to the planner's as the solver allows: one entity
 * per evacuated VM and per VM with reservations in the affected clusters, its value one of the
 * hosts the rules allow it on or its own host (for an evacuated VM: left behind). Hard: reserved
 * memory and CPU within each host's capacity in the final placement. Medium: VMs left behind.
 * Soft: moves. The order of moves and the waves are not modelled: the comparison is on the final
 * placement only, which favours Timefold.
 */
public final class TimefoldEvacuation {

  private TimefoldEvacuation() {}

  public record HostRef(int index, String name, long capCpu, long capMem, boolean evacuated) {}

  @PlanningEntity
  public static class Assignment {
    public String vm;
    public boolean evacuee;
    public long resCpu;
    public long resMem;
    public HostRef home;
    public List<HostRef> candidates;

    @PlanningVariable
    public HostRef host;

    public Assignment() {}

    @ValueRangeProvider
    public List<HostRef> getCandidates() {
      return candidates;
    }

    public HostRef getHost() {
      return host;
    }
  }

  @PlanningSolution
  public static class Solution {
    @ProblemFactCollectionProperty public List<HostRef> hosts;
    @PlanningEntityCollectionProperty public List<Assignment> assignments;
    @PlanningScore public HardMediumSoftLongScore score;

    public Solution() {}

    public Solution(List<HostRef> hosts, List<Assignment> assignments) {
      this.hosts = hosts;
      this.assignments = assignments;
    }
  }

  public static class Constraints implements ConstraintProvider {
    @Override
    public Constraint[] defineConstraints(ConstraintFactory f) {
      return new Constraint[] {
        f.forEach(Assignment.class)
            .filter(a -> !a.host.evacuated())
            .groupBy(Assignment::getHost, ConstraintCollectors.sumLong(a -> a.resMem), ConstraintCollectors.sumLong(a -> a.resCpu))
            .filter((h, mem, cpu) -> mem > h.capMem() || cpu > h.capCpu())
            .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (h, mem, cpu) -> Math.max(0, mem - h.capMem()) + Math.max(0, cpu - h.capCpu()))
            .asConstraint("capacity"),
        f.forEach(Assignment.class).filter(a -> a.evacuee && a.host == a.home).penalize(HardMediumSoftLongScore.ONE_MEDIUM)
            .asConstraint("left on an evacuated host"),
        f.forEach(Assignment.class).filter(a -> a.host != a.home).penalize(HardMediumSoftLongScore.ONE_SOFT).asConstraint("moves")
      };
    }
  }
}
