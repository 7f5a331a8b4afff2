package io.vmotion.rules;

import io.vmotion.rules.facts.HostFact;
import io.vmotion.rules.facts.Move;
import io.vmotion.rules.facts.VmFact;

/**
 * Which names of a move a rule reads (from its @reads). A stand-in move carries the others as
 * tokens, so that one evaluation serves every move alike in what the rule reads, each receiving the
 * result under its own names.
 */
record NameUse(boolean vm, boolean source, boolean target) {

  static NameUse of(RuleInfo rule) {
    boolean vm = false;
    boolean source = false;
    boolean target = false;
    if (rule.declaresReads()) {
      for (String p : rule.reads()) {
        MoveProperty prop = MoveProperty.resolve(p);
        if (!prop.isName()) continue;
        if (p.startsWith("vm.")) vm = true;
        if (p.equals("source.name") || p.equals("vm.host")) source = true;
        if (p.equals("target.name")) target = true;
      }
    }
    return new NameUse(vm, source, target);
  }

  VmFact vm(VmFact fact) {
    return fact.renamed(vm ? fact.getName() : Outcome.VM, source ? fact.getHost() : Outcome.SOURCE);
  }

  HostFact source(HostFact fact) {
    return source ? fact : fact.renamed(Outcome.SOURCE);
  }

  HostFact target(HostFact fact) {
    return target ? fact : fact.renamed(Outcome.TARGET);
  }

  /** A stand-in for the move of {@code vm} from {@code source} to {@code target}. */
  Move standIn(VmFact vm, HostFact source, HostFact target, int step, long targetCpuReservedMhz, long targetMemoryReservedMb) {
    return new Move(vm(vm), source(source), target(target), step, targetCpuReservedMhz, targetMemoryReservedMb);
  }
}
