package io.vmotion.rules;

import io.vmotion.rules.facts.HostFact;
import io.vmotion.rules.facts.Move;
import io.vmotion.rules.facts.VmFact;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One rule's verdicts on the moves where it needs an unknown fact, shared like the rest of
 * {@link SharedEvaluation}: a VM's side is summed up by what the rule reads of each of its
 * completions, a target's likewise, and a verdict is computed once per distinct pair of summaries.
 * With a "target.X within vm.Y" read, a target's summary keeps only which elements of the VM's
 * possible Y (the union over its completions) its completions hold.
 *
 * <p>Pass 1 ({@link #visit}) may add to the tables; after {@link #absorb}, {@link #decision} only
 * reads them, so pass 2 may run on several threads.
 */
final class CompletedPairs {

  private final RuleInfo rule;
  private final List<NotChecked.Need> needs;
  private final NameUse names;
  private final List<MoveProperty> vmSide;
  private final List<MoveProperty> targetSide;
  private final List<MoveProperty> within;
  private final Completions completions;
  private final VmFact[] vms;
  private final HostFact[] hosts;
  private final int[] sourceOf;
  private final long[][] reserved;
  /** The shared evaluation's keys per VM and host, which sum up a side with no unknown fact. */
  private final int[] plainVmKey;
  private final int[] plainHostKey;

  private final int[] vmSig;
  private final Map<List<Object>, Integer> vmSigs = new HashMap<>();
  private final List<List<Completions.VmSide>> vmCompletions = new ArrayList<>();
  private final List<List<UnknownFact>> vmFacts = new ArrayList<>();
  /** Per VM summary and "within" column: every element the VM's set may hold. */
  private final List<List<Set<Object>>> vmUnions = new ArrayList<>();
  private final int[] hostSig;
  private final Map<List<Object>, Integer> hostSigs = new HashMap<>();
  private final List<List<UnknownFact>> hostFacts = new ArrayList<>();
  /** Per host, its own completions: hosts of one summary agree on what the rule reads outside "within", not on their sets. */
  private final List<List<Completions.Target>> ownCompletions;
  /** Per VM summary: the slot of each pair summary. */
  private final List<Map<List<Object>, Integer>> pairs = new ArrayList<>();
  /** Per slot: vm summary, a host with that pair summary; and its verdict once evaluated. */
  private final List<int[]> slots = new ArrayList<>();
  private final List<List<Outcome>> decisions = new ArrayList<>();
  private final Set<Long> visited = new HashSet<>();
  private List<Move> standIns;
  private int[] firstStandIn;

  CompletedPairs(RuleInfo rule, List<NotChecked.Need> needs, List<MoveProperty> vmSide, List<MoveProperty> targetSide,
      List<MoveProperty> within, Completions completions, VmFact[] vms, HostFact[] hosts, int[] sourceOf, long[][] reserved,
      int[] plainVmKey, int[] plainHostKey) {
    this.rule = rule;
    this.needs = needs;
    this.names = NameUse.of(rule);
    this.vmSide = vmSide;
    this.targetSide = targetSide;
    this.within = within;
    this.completions = completions;
    this.vms = vms;
    this.hosts = hosts;
    this.sourceOf = sourceOf;
    this.reserved = reserved;
    this.plainVmKey = plainVmKey;
    this.plainHostKey = plainHostKey;
    this.vmSig = new int[vms.length];
    this.hostSig = new int[hosts.length];
    Arrays.fill(vmSig, -1);
    Arrays.fill(hostSig, -1);
    this.ownCompletions = new ArrayList<>(java.util.Collections.nCopies(hosts.length, (List<Completions.Target>) null));
  }

  /** Pass 1: makes sure every move of VM {@code v} to {@code targets} where a fact is unknown has a slot. */
  void visit(int v, int[] targets, boolean[] hostUnknown, boolean vmUnknown) {
    if (!vmUnknown) {
      boolean any = false;
      for (int t : targets) any |= hostUnknown[t];
      if (!any) return;
    }
    int vs = vmSummary(v);
    if (!visited.add(((long) vs << 32) | sourceOf[v])) return;
    Map<List<Object>, Integer> byPair = pairs.get(vs);
    for (int t : targets) {
      if (!vmUnknown && !hostUnknown[t]) continue;
      List<Object> key = pairKey(vs, t);
      if (!byPair.containsKey(key)) {
        byPair.put(key, slots.size());
        slots.add(new int[] {vs, t});
        decisions.add(null);
      }
    }
  }

  /** Without "within", a slot per VM summary and host summary: pass 2 looks it up in arrays. */
  private int[][] slotOf;

  /** Pass 2: the verdict on the move of VM {@code v} to host {@code t}, a move pass 1 visited. */
  List<Outcome> decision(int v, int t) {
    int vs = vmSig[v];
    if (slotOf != null) return decisions.get(slotOf[vs][hostSig[t]]);
    return decisions.get(pairs.get(vs).get(pairKey(vs, t)));
  }

  /** The stand-in moves of every slot: each slot's completions, VM side by target side. */
  void standIns(List<Move> out, Map<Move, String> owner) {
    if (within.isEmpty()) {
      slotOf = new int[pairs.size()][hostSigs.size()];
      for (int vs = 0; vs < pairs.size(); vs++) {
        java.util.Arrays.fill(slotOf[vs], -1);
        for (Map.Entry<List<Object>, Integer> e : pairs.get(vs).entrySet()) slotOf[vs][(Integer) e.getKey().get(0)] = e.getValue();
      }
    }
    standIns = new ArrayList<>();
    firstStandIn = new int[slots.size()];
    for (int s = 0; s < slots.size(); s++) {
      firstStandIn[s] = standIns.size();
      List<Completions.VmSide> vmSideCompletions = vmCompletions.get(slots.get(s)[0]);
      int t = slots.get(s)[1];
      List<Completions.Target> targets = ownCompletions.get(t);
      if (vmSideCompletions == null || targets == null || (long) vmSideCompletions.size() * targets.size() > Completions.LIMIT) continue;
      for (Completions.VmSide c : vmSideCompletions) {
        for (Completions.Target target : targets) {
          Move m = names.standIn(c.vm(), c.source(), target.host(), 0, target.cpuReservedMhz(), target.memoryReservedMb());
          standIns.add(m);
          owner.put(m, rule.id());
        }
      }
    }
    out.addAll(standIns);
  }

  /** Takes the stand-ins' findings and decides each slot. */
  void absorb(Map<Move, List<Findings.Raw>> raw) {
    for (int s = 0; s < slots.size(); s++) {
      int from = firstStandIn[s];
      int to = s + 1 < slots.size() ? firstStandIn[s + 1] : standIns.size();
      List<List<Outcome>> completed = new ArrayList<>();
      for (int i = from; i < to; i++) {
        List<Outcome> outcome = new ArrayList<>();
        for (Findings.Raw r : raw.getOrDefault(standIns.get(i), List.of())) outcome.add(new Outcome(r.rule(), r.severity(), r.message(), r.remediation()));
        completed.add(outcome);
      }
      int vs = slots.get(s)[0];
      int t = slots.get(s)[1];
      List<UnknownFact> facts = new ArrayList<>(vmFacts.get(vs));
      facts.addAll(hostFacts.get(hostSig[t]));
      facts.sort(null);
      int v = firstVm.get(vs);
      Move named = names.standIn(vms[v], hosts[sourceOf[v]], hosts[t], 0, 0, 0);
      decisions.set(s, NotChecked.decide(rule, completed, facts, named));
    }
    standIns = null;
  }

  /** Per VM summary, the first VM that has it. */
  private final List<Integer> firstVm = new ArrayList<>();

  private int vmSummary(int v) {
    if (vmSig[v] >= 0) return vmSig[v];
    VmFact vm = vms[v];
    HostFact source = hosts[sourceOf[v]];
    List<UnknownFact> facts = NotChecked.vmSide(needs, vm, source);
    List<Completions.VmSide> completed = completions.vm(vm, source, NotChecked.fields(facts, "vm"), NotChecked.fields(facts, "source"));
    List<Object> key = new ArrayList<>();
    key.add(facts);
    List<Set<Object>> unions = new ArrayList<>();
    for (int c = 0; c < within.size(); c++) unions.add(new TreeSet<>());
    if (facts.isEmpty()) {
      // Nothing unknown: the VM is what the shared evaluation's key says, its sets its own.
      key.add(plainVmKey[v]);
      Move m = new Move(vm, source, source, 0, 0, 0);
      for (int w = 0; w < within.size(); w++) {
        Object set = within.get(w).within().value(m);
        if (set != null) unions.get(w).addAll((Collection<?>) set);
      }
    } else if (completed == null) {
      key.add(v); // too many completions: this VM is "not checked" on its own
    } else {
      for (Completions.VmSide c : completed) {
        Move m = new Move(c.vm(), c.source(), c.source(), 0, 0, 0);
        Move standIn = names.standIn(c.vm(), c.source(), c.source(), 0, 0, 0);
        List<Object> values = new ArrayList<>(vmSide.size());
        for (MoveProperty p : vmSide) values.add(p.value(standIn));
        key.add(values);
        for (int w = 0; w < within.size(); w++) {
          Object set = within.get(w).within().value(m);
          if (set != null) unions.get(w).addAll((Collection<?>) set);
        }
      }
    }
    Integer id = vmSigs.get(key);
    if (id == null) {
      id = vmSigs.size();
      vmSigs.put(key, id);
      vmCompletions.add(completed);
      vmFacts.add(facts);
      vmUnions.add(unions);
      pairs.add(new HashMap<>());
      firstVm.add(v);
    }
    return vmSig[v] = id;
  }

  private int hostSummary(int t) {
    if (hostSig[t] >= 0) return hostSig[t];
    HostFact host = hosts[t];
    List<UnknownFact> facts = NotChecked.targetSide(needs, host, completions);
    List<Completions.Target> completed = completions.target(host, NotChecked.fields(facts, "target"), reserved[t][0], reserved[t][1]);
    ownCompletions.set(t, completed);
    List<Object> key = new ArrayList<>();
    key.add(facts);
    if (facts.isEmpty()) {
      key.add(plainHostKey[t]);
    } else if (completed == null) {
      key.add(t);
    } else {
      VmFact any = vms[0];
      for (Completions.Target c : completed) {
        Move m = names.standIn(any, c.host(), c.host(), 0, c.cpuReservedMhz(), c.memoryReservedMb());
        List<Object> values = new ArrayList<>(targetSide.size());
        for (MoveProperty p : targetSide) values.add(p.value(m));
        key.add(values);
      }
    }
    Integer id = hostSigs.get(key);
    if (id == null) {
      id = hostSigs.size();
      hostSigs.put(key, id);
      hostFacts.add(facts);
    }
    return hostSig[t] = id;
  }

  /** The host's summary and, per "within" column and completion, which of the VM's possible elements it holds. */
  private List<Object> pairKey(int vs, int t) {
    int hs = hostSig[t] >= 0 ? hostSig[t] : hostSummary(t);
    if (within.isEmpty()) return List.of(hs);
    List<Object> key = new ArrayList<>();
    key.add(hs);
    List<Completions.Target> completed = ownCompletions.get(t);
    List<HostFact> each = completed == null ? List.of(hosts[t]) : completed.stream().map(Completions.Target::host).toList();
    if (completed == null) key.add(t);
    for (int w = 0; w < within.size(); w++) {
      Set<Object> possible = vmUnions.get(vs).get(w);
      for (HostFact c : each) {
        Object set = within.get(w).value(new Move(vms[0], c, c, 0, 0, 0));
        Set<Object> held = new TreeSet<>();
        if (set != null) for (Object x : possible) if (((Collection<?>) set).contains(x)) held.add(x);
        key.add(held);
      }
    }
    return key;
  }
}
