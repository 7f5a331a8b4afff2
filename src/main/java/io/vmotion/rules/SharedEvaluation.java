package io.vmotion.rules;

import io.vmotion.rules.facts.HostFact;
import io.vmotion.rules.facts.Move;
import io.vmotion.rules.facts.VmFact;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evaluates every candidate move while running each rule only once per distinct combination of
 * the values it reads.
 *
 * <p>A rule's {@code @reads} splits into what the VM side of a move offers (vm.*, source.*) and
 * what the target side offers (target.*, the target's reservations). Every VM gets a key per rule
 * (its VM-side values, interned to a number) and so does every host; a {@code target.X within
 * vm.Y} column makes the host's key depend on the VM's key, keeping only the elements of Y. A
 * move's result for the rule is then a function of the two keys, computed once, for a stand-in
 * move whose names are tokens, and handed to every move with the same keys under its own names.
 * This is exact because a rule may only use what it declares (RuleBase checks the rule text) and
 * rules are deterministic; a test compares it with move-by-move evaluation.
 *
 * <p>A fleet has few distinct CPU, version and network configurations, so a hundred million moves
 * need only thousands of rule evaluations; the moves themselves are visited twice, with array
 * lookups.
 */
final class SharedEvaluation {

  private static final int PENDING = -1;
  /** A rule with at least this many stand-ins gets a rule base of its own. */
  private static final int OWN_BASE = 5_000;
  private static final boolean TIMING = Boolean.getBoolean("vmotion.timing");
  private static final Object NULL = new Object();

  /** One rule, with its keys for every VM and host and its results per key pair. */
  private static final class RuleTable {
    final RuleInfo rule;
    /** What the rule needs, and per VM and per host whether any of it is unknown there. */
    List<NotChecked.Need> needs;
    boolean[] vmUnknown;
    boolean[] hostUnknown;
    /** Verdicts on the moves where a fact the rule needs is unknown; null when there are none. */
    CompletedPairs completed;
    final List<MoveProperty> vmSide = new ArrayList<>();
    final List<MoveProperty> targetSide = new ArrayList<>();
    final List<MoveProperty> within = new ArrayList<>();
    boolean realVmNames;
    boolean realSourceName;
    boolean realTargetName;
    int[] vmKey;
    int vmKeys;
    /** Host key per host; with "within" columns, per VM key and host, found when first needed. */
    int[] hostKey;
    int[][] hostKeyPerVmKey;
    List<Map<List<Object>, Integer>> withinKeys;
    Object[][] vmSets;
    Object[][] hostSets;
    int[] firstVmOfKey;
    int hostKeyCount;
    /** Result per VM key and host key: 0 unknown, PENDING, or 1 + index into outcomes. */
    int[][] results;
    final List<List<Outcome>> outcomes = new ArrayList<>();
    /** Per outcome: findings per severity, and whether it blocks (has an error). */
    long[][] severities;
    boolean[] blocks;
    final List<int[]> standIns = new ArrayList<>();

    RuleTable(RuleInfo rule) {
      this.rule = rule;
    }

    int hostKey(int vk, int h) {
      if (hostKeyPerVmKey == null) return hostKey[h];
      int[] keys = keysRow(vk);
      int k = keys[h];
      if (k < 0) k = keys[h] = withinKey(vk, h);
      return k;
    }

    /** The host keys as VM key {@code vk} sees them; -1 where not yet needed (only with "within"). */
    int[] keysRow(int vk) {
      if (hostKeyPerVmKey == null) return hostKey;
      int[] keys = hostKeyPerVmKey[vk];
      if (keys == null) {
        keys = hostKeyPerVmKey[vk] = new int[hostKey.length];
        Arrays.fill(keys, -1);
      }
      return keys;
    }

    /**
     * The host's key as this VM key sees it: its plain columns, plus per "within" column which
     * elements of the VM's set the host's set holds (as positions in the VM's set).
     */
    private int withinKey(int vk, int h) {
      Object[] tuple = new Object[1 + within.size()];
      tuple[0] = hostKey[h];
      int v = firstVmOfKey[vk];
      for (int c = 0; c < within.size(); c++) {
        Object[] mine = (Object[]) vmSets[c][v];
        Collection<?> theirs = (Collection<?>) hostSets[c][h];
        java.util.BitSet held = new java.util.BitSet(mine.length);
        if (theirs != null) for (int i = 0; i < mine.length; i++) if (theirs.contains(mine[i])) held.set(i);
        tuple[1 + c] = held;
      }
      Map<List<Object>, Integer> interned = withinKeys.get(vk);
      return interned.computeIfAbsent(Arrays.asList(tuple), x -> interned.size());
    }

    int[] row(int vk, int hk) {
      int[] row = results[vk];
      if (row == null) row = results[vk] = new int[hostKeyPerVmKey == null ? hostKeyCount : 4];
      if (hk >= row.length) row = results[vk] = Arrays.copyOf(row, Math.max(hk + 1, row.length * 2));
      return row;
    }
  }

  private final RuleBase rules;
  private final MovePlanner planner;
  private final Progress progress;
  private final HostFact[] hosts;
  private final VmFact[] vms;
  private final int[] sourceOf;
  private final int[][] targetsOf;
  private final Map<String, int[]> propertyIds = new java.util.concurrent.ConcurrentHashMap<>();
  private final Completions completions;
  private final long[][] reserved;
  private long mark = System.nanoTime();

  SharedEvaluation(RuleBase rules, MovePlanner planner, Scope scope, Progress progress) {
    this.rules = rules;
    this.planner = planner;
    this.progress = progress;
    this.hosts = planner.hosts.toArray(new HostFact[0]);
    Map<HostFact, Integer> index = new IdentityHashMap<>();
    for (int i = 0; i < hosts.length; i++) index.put(hosts[i], i);
    // Visiting VMs and targets in name order makes the findings come out nearly sorted.
    this.vms = planner.vms.stream().filter(VmFact::isPoweredOn).sorted(Comparator.comparing(VmFact::getName)).toArray(VmFact[]::new);
    this.sourceOf = new int[vms.length];
    for (int v = 0; v < vms.length; v++) sourceOf[v] = index.get(planner.host(vms[v].getHost()));
    this.completions = new Completions(rules.data(), planner.hosts, planner.vms, planner.drs.groupNames());
    this.reserved = new long[hosts.length][];
    for (int h = 0; h < hosts.length; h++) reserved[h] = planner.reservedOn(hosts[h].getName());
    this.targetsOf = new int[hosts.length][];
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int h = 0; h < hosts.length; h++) groups.computeIfAbsent(group(scope, hosts[h]), k -> new ArrayList<>()).add(h);
    for (int h = 0; h < hosts.length; h++) {
      int self = h;
      targetsOf[h] = groups.get(group(scope, hosts[h])).stream().filter(t -> t != self)
          .sorted(Comparator.comparing(t -> hosts[t].getName())).mapToInt(Integer::intValue).toArray();
    }
  }

  private static String group(Scope scope, HostFact h) {
    return scope == Scope.ALL ? "" : "cluster:" + h.getCluster();
  }

  private void time(String what) {
    if (!TIMING) return;
    long now = System.nanoTime();
    System.err.printf("timing:   %-38s %8.2f s%n", what, (now - mark) / 1e9);
    mark = now;
  }

  void run(EvaluationBuilder out) {
    time("setup");
    List<RuleTable> tables = new ArrayList<>();
    List<String> oneByOne = new ArrayList<>();
    List<RuleInfo> shared = new ArrayList<>();
    for (RuleInfo r : rules.rules()) {
      if (r.declaresReads()) shared.add(r);
      else oneByOne.add(r.id());
    }
    vmSideMoves();
    hostSideMoves();
    // Tables are independent (the property ids they share are computed once, thread-safely).
    tables.addAll(java.util.stream.IntStream.range(0, shared.size()).parallel().mapToObj(i -> table(shared.get(i))).toList());
    time("keys");
    Move[][] individualMoves = null;
    Map<Move, List<Finding>> individual = Map.of();
    if (!oneByOne.isEmpty()) {
      // Rules that do not say what they read see every move, one by one.
      individualMoves = new Move[vms.length][];
      List<Move> all = new ArrayList<>();
      for (int v = 0; v < vms.length; v++) {
        int[] targets = targetsOf[sourceOf[v]];
        individualMoves[v] = new Move[targets.length];
        for (int i = 0; i < targets.length; i++) {
          individualMoves[v][i] = planner.move(vms[v], hosts[targets[i]]);
          all.add(individualMoves[v][i]);
        }
      }
      individual = Evaluator.evaluateMoves(rules, rules.kieBaseOf(Set.copyOf(oneByOne)), all, progress);
      time("rules without @reads");
    }

    long total = 0;
    for (int v = 0; v < vms.length; v++) total += targetsOf[sourceOf[v]].length;

    // Pass 1: which key pairs occur, and one stand-in move for each. VMs with the same key on the
    // same host see the same targets, so each (key, host) is visited once.
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    tables.parallelStream().forEach(t -> {
      Set<Long> visited = new HashSet<>();
      for (int v = 0; v < vms.length; v++) {
        int vk = t.vmKey[v];
        int source = sourceOf[v];
        if (!visited.add(((long) vk << 32) | source)) continue;
        int[] keys = t.keysRow(vk);
        boolean lazy = t.hostKeyPerVmKey != null;
        // Every host has the one key of a rule whose reads no host differs in: one target stands for all.
        boolean oneHostKey = !lazy && t.hostKeyCount == 1;
        for (int target : targetsOf[source]) {
          int hk = keys[target];
          if (lazy && hk < 0) hk = keys[target] = t.withinKey(vk, target);
          int[] row = t.row(vk, hk);
          if (row[hk] == 0) {
            row[hk] = PENDING;
            t.standIns.add(new int[] {vk, hk, v, target});
          }
          if (oneHostKey) break;
        }
      }
      if (t.completed != null) {
        for (int v = 0; v < vms.length; v++) t.completed.visit(v, targetsOf[sourceOf[v]], t.hostUnknown, t.vmUnknown[v]);
      }
      progress.update("grouping moves", done.incrementAndGet(), tables.size());
    });
    time("pass 1");

    // A rule with many stand-ins gets a rule base of its own, so no other rule's conditions run on
    // them; the rest share the full base, where building a base would cost more than it saves.
    List<List<RuleTable>> groups = new ArrayList<>();
    List<RuleTable> small = new ArrayList<>();
    for (RuleTable t : tables) {
      if (TIMING) System.err.printf("timing:   rule %-22s %d stand-ins%n", t.rule.id(), t.standIns.size());
      if (t.standIns.size() >= OWN_BASE) groups.add(List.of(t));
      else small.add(t);
    }
    if (!small.isEmpty()) groups.add(small);
    groups.parallelStream().forEach(this::evaluate);
    evaluateCompleted(tables);
    time("rules");

    // A rule that found nothing anywhere and left nothing undecided adds nothing to any move.
    List<RuleTable> found = tables.stream().filter(t -> t.completed != null || t.outcomes.stream().anyMatch(o -> !o.isEmpty())).toList();

    // Pass 2: every move receives its rules' results under its own names; VMs in chunks, in parallel.
    java.util.concurrent.atomic.AtomicLong progressed = new java.util.concurrent.atomic.AtomicLong();
    List<int[]> chunks = new ArrayList<>();
    int chunk = Math.max(1, (vms.length + 15) / 16);
    for (int from = 0; from < vms.length; from += chunk) chunks.add(new int[] {from, Math.min(vms.length, from + chunk)});
    final Move[][] individualOf = individualMoves;
    final Map<Move, List<Finding>> individualFound = individual;
    final long all = total;
    List<EvaluationBuilder> parts = chunks.parallelStream().map(c -> {
      EvaluationBuilder part = out.fork();
      if (part.keepsPairs()) report(part, found, individualOf, individualFound, c[0], c[1], progressed, all);
      else count(part, found, individualOf, individualFound, c[0], c[1], progressed, all);
      return part;
    }).toList();
    parts.forEach(out::absorb);
    time("pass 2");
  }

  /** Pass 2 for reports that list pairs: findings under each move's own names. */
  private void report(EvaluationBuilder out, List<RuleTable> tables, Move[][] individualMoves,
      Map<Move, List<Finding>> individual, int fromVm, int toVm, java.util.concurrent.atomic.AtomicLong progressed, long total) {
    {
      List<Finding> found = new ArrayList<>();
      for (int v = fromVm; v < toVm; v++) {
        int[] targets = targetsOf[sourceOf[v]];
        String vm = vms[v].getName();
        String source = hosts[sourceOf[v]].getName();
        for (int i = 0; i < targets.length; i++) {
          int target = targets[i];
          String targetName = hosts[target].getName();
          found.clear();
          for (RuleTable t : tables) {
            if (t.vmUnknown[v] || t.hostUnknown[target]) {
              for (Outcome o : t.completed.decision(v, target)) found.add(o.finding(vm, source, targetName, 0));
              continue;
            }
            int vk = t.vmKey[v];
            int result = t.results[vk][t.hostKey(vk, target)];
            if (result > 0) for (Outcome o : t.outcomes.get(result - 1)) found.add(o.finding(vm, source, targetName, 0));
          }
          if (individualMoves != null) found.addAll(individual.getOrDefault(individualMoves[v][i], List.of()));
          out.pair(vm, source, targetName, found);
        }
        progress.update("reporting moves", progressed.addAndGet(targets.length), total);
      }
    }
  }

  /**
   * Pass 2 for summaries: counts only, with no finding objects, for a hundred million moves. Per
   * VM, each rule's results row and host keys are fetched once and the targets scanned in a tight
   * loop.
   */
  private void count(EvaluationBuilder out, List<RuleTable> tables, Move[][] individualMoves,
      Map<Move, List<Finding>> individual, int fromVm, int toVm, java.util.concurrent.atomic.AtomicLong progressed, long total) {
    String[] ids = tables.stream().map(t -> t.rule.id()).toArray(String[]::new);
    int kinds = Severity.values().length;
    long[] severities = new long[kinds];
    int maxTargets = 0;
    for (int[] t : targetsOf) maxTargets = Math.max(maxTargets, t.length);
    boolean[] blocked = new boolean[maxTargets];
    boolean[] warned = new boolean[maxTargets];
    List<List<EvaluationBuilder.Undecided>> undecided = new ArrayList<>();
    for (int i = 0; i < maxTargets; i++) undecided.add(new ArrayList<>(0));
    int warning = Severity.WARNING.ordinal();
    // Per table and target host, the moves its rule blocks there: the causes a summary ranks.
    int[][] blockedAt = new int[tables.size()][hosts.length];
    // Per table and outcome: findings per severity, flattened, and whether it blocks.
    int[][] sev = new int[tables.size()][];
    for (int r = 0; r < tables.size(); r++) {
      RuleTable t = tables.get(r);
      sev[r] = new int[(t.outcomes.size() + 1) * kinds];
      for (int o = 0; o < t.outcomes.size(); o++) {
        for (int k = 0; k < kinds; k++) sev[r][(o + 1) * kinds + k] = (int) t.severities[o][k];
      }
    }
    for (int v = fromVm; v < toVm; v++) {
      int[] targets = targetsOf[sourceOf[v]];
      Arrays.fill(blocked, 0, targets.length, false);
      Arrays.fill(warned, 0, targets.length, false);
      for (int i = 0; i < targets.length; i++) undecided.get(i).clear();
      TreeMap<String, Integer> blockedBy = new TreeMap<>();
      for (int r = 0; r < tables.size(); r++) {
        RuleTable t = tables.get(r);
        int vk = t.vmKey[v];
        int[] keys = t.keysRow(vk);
        int[] row = t.results[vk];
        boolean[] blocks = t.blocks;
        int[] sevOf = sev[r];
        int byRule = 0;
        boolean vmUnknown = t.vmUnknown[v];
        boolean[] hostUnknown = t.hostUnknown;
        for (int i = 0; i < targets.length; i++) {
          if (vmUnknown || hostUnknown[targets[i]]) {
            boolean blocks1 = false;
            for (Outcome o : t.completed.decision(v, targets[i])) {
              severities[o.severity().ordinal()]++;
              if (o.undecided()) undecided.get(i).add(new EvaluationBuilder.Undecided(o.rule(), o.unknown()));
              if (o.severity() == Severity.WARNING) warned[i] = true;
              if (o.severity() == Severity.ERROR) blocks1 = true;
            }
            if (blocks1) {
              byRule++;
              blocked[i] = true;
              blockedAt[r][targets[i]]++;
            }
            continue;
          }
          int result = row[keys[targets[i]]];
          if (result > 0) {
            int base = result * kinds;
            for (int k = 0; k < kinds; k++) severities[k] += sevOf[base + k];
            if (sevOf[base + warning] > 0) warned[i] = true;
            if (blocks[result - 1]) {
              byRule++;
              blocked[i] = true;
              blockedAt[r][targets[i]]++;
            }
          }
        }
        if (byRule > 0) blockedBy.put(ids[r], byRule);
      }
      if (individualMoves != null) {
        for (int i = 0; i < targets.length; i++) {
          Set<String> counted = new HashSet<>();
          for (Finding f : individual.getOrDefault(individualMoves[v][i], List.of())) {
            severities[f.severity().ordinal()]++;
            if (f.severity() == Severity.WARNING) warned[i] = true;
            if (f.severity() == Severity.ERROR) {
              blocked[i] = true;
              if (counted.add(f.rule())) {
                blockedBy.merge(f.rule(), 1, Integer::sum);
                out.blockedAt(f.rule(), hosts[targets[i]].getName(), 1);
              }
            }
          }
        }
      }
      String vm = vms[v].getName();
      String source = hosts[sourceOf[v]].getName();
      int compatible = 0;
      int clean = 0;
      int open = 0;
      for (int i = 0; i < targets.length; i++) {
        boolean undecidedHere = !undecided.get(i).isEmpty();
        if (undecidedHere) out.undecided(vm, source, hosts[targets[i]].getName(), blocked[i], undecided.get(i));
        if (blocked[i]) continue;
        if (undecidedHere) {
          open++;
        } else {
          compatible++;
          if (!warned[i]) clean++;
        }
      }
      out.counted(vm, source, targets.length, compatible, clean, open, blockedBy);
      progress.update("counting moves", progressed.addAndGet(targets.length), total);
    }
    out.severities(severities);
    for (int r = 0; r < tables.size(); r++) {
      for (int h = 0; h < hosts.length; h++) if (blockedAt[r][h] > 0) out.blockedAt(ids[r], hosts[h].getName(), blockedAt[r][h]);
    }
  }

  private RuleTable table(RuleInfo rule) {
    RuleTable t = new RuleTable(rule);
    t.needs = NotChecked.needs(rule);
    t.vmUnknown = new boolean[vms.length];
    t.hostUnknown = new boolean[hosts.length];
    boolean anyUnknown = false;
    for (int v = 0; v < vms.length; v++) anyUnknown |= t.vmUnknown[v] = !NotChecked.vmSide(t.needs, vms[v], hosts[sourceOf[v]]).isEmpty();
    for (int h = 0; h < hosts.length; h++) anyUnknown |= t.hostUnknown[h] = !NotChecked.targetSide(t.needs, hosts[h], completions).isEmpty();
    for (String p : rule.reads()) {
      MoveProperty prop = MoveProperty.resolve(p);
      if (prop.isName()) {
        if (p.startsWith("vm.")) t.realVmNames = true;
        if (p.equals("source.name") || p.equals("vm.host")) t.realSourceName = true;
        if (p.equals("target.name")) t.realTargetName = true;
      }
      if (prop.within() != null) {
        t.within.add(prop);
        t.vmSide.add(prop.within());
        continue;
      }
      switch (prop.side()) {
        case VM -> t.vmSide.add(prop);
        case TARGET -> t.targetSide.add(prop);
        case MOVE -> { } // the plan step: always 0 outside a plan
      }
    }
    List<int[]> vmColumns = new ArrayList<>();
    for (MoveProperty p : t.vmSide) vmColumns.add(ids(p));
    List<int[]> hostColumns = new ArrayList<>();
    for (MoveProperty p : t.targetSide) hostColumns.add(ids(p));
    int[] count = new int[1];
    t.firstVmOfKey = new int[vms.length];
    t.vmKey = keys(vmColumns, vms.length, count, t.firstVmOfKey);
    t.vmKeys = count[0];
    t.hostKey = keys(hostColumns, hosts.length, count, null);
    t.hostKeyCount = count[0];
    if (anyUnknown) {
      t.completed = new CompletedPairs(rule, t.needs, t.vmSide, t.targetSide, t.within, completions, vms, hosts, sourceOf, reserved,
          t.vmKey, t.hostKey);
    }
    t.results = new int[t.vmKeys][];
    if (!t.within.isEmpty()) {
      t.hostKeyPerVmKey = new int[t.vmKeys][];
      t.withinKeys = new ArrayList<>();
      for (int vk = 0; vk < t.vmKeys; vk++) t.withinKeys.add(new HashMap<>());
      t.vmSets = new Object[t.within.size()][];
      t.hostSets = new Object[t.within.size()][];
      for (int c = 0; c < t.within.size(); c++) {
        Object[] sets = values(t.within.get(c).within(), true);
        for (int v = 0; v < sets.length; v++) sets[v] = sets[v] == null ? new Object[0] : ((Collection<?>) sets[v]).toArray();
        t.vmSets[c] = sets;
        t.hostSets[c] = values(t.within.get(c), false);
      }
    }
    return t;
  }

  /** Each property's value per VM (or host), interned to a number once for all rules. */
  private int[] ids(MoveProperty prop) {
    return propertyIds.computeIfAbsent(prop.path(), k -> {
      Object[] values = values(prop, prop.side() == MoveProperty.Side.VM);
      Map<Object, Integer> interned = new HashMap<>();
      int[] ids = new int[values.length];
      for (int i = 0; i < values.length; i++) ids[i] = interned.computeIfAbsent(values[i] == null ? NULL : values[i], x -> interned.size());
      return ids;
    });
  }

  private Object[] values(MoveProperty prop, boolean vmSide) {
    Move[] moves = vmSide ? vmSideMoves() : hostSideMoves();
    Object[] values = new Object[moves.length];
    for (int i = 0; i < moves.length; i++) values[i] = moves[i] == null ? null : prop.value(moves[i]);
    return values;
  }

  private Move[] vmSideMoves;
  private Move[] hostSideMoves;

  /** Per VM, a move from its host (to its host: only the VM side is read). */
  private Move[] vmSideMoves() {
    if (vmSideMoves == null) {
      vmSideMoves = new Move[vms.length];
      for (int v = 0; v < vms.length; v++) vmSideMoves[v] = planner.move(vms[v], hosts[sourceOf[v]]);
    }
    return vmSideMoves;
  }

  /** Per host, a move to it (of any VM: only the target side is read). */
  private Move[] hostSideMoves() {
    if (hostSideMoves == null) {
      hostSideMoves = new Move[hosts.length];
      for (int h = 0; h < hosts.length; h++) hostSideMoves[h] = vms.length == 0 ? null : planner.move(vms[0], hosts[h]);
    }
    return hostSideMoves;
  }

  private static int[] keys(List<int[]> columns, int n, int[] count, int[] firstOfKey) {
    Map<List<Integer>, Integer> interned = new HashMap<>();
    int[] keys = new int[n];
    for (int i = 0; i < n; i++) {
      Integer[] tuple = new Integer[columns.size()];
      for (int c = 0; c < tuple.length; c++) tuple[c] = columns.get(c)[i];
      int index = i;
      keys[i] = interned.computeIfAbsent(Arrays.asList(tuple), x -> {
        if (firstOfKey != null) firstOfKey[interned.size()] = index;
        return interned.size();
      });
    }
    count[0] = Math.max(1, interned.size());
    return keys;
  }

  /** Evaluates the completions of every rule's moves with unknown facts, in one pass over the full rule base. */
  private void evaluateCompleted(List<RuleTable> tables) {
    List<Move> standIns = new ArrayList<>();
    Map<Move, String> owner = new IdentityHashMap<>();
    for (RuleTable t : tables) if (t.completed != null) t.completed.standIns(standIns, owner);
    Map<Move, List<Findings.Raw>> raw = standIns.isEmpty() ? Map.of() : Evaluator.raw(rules, rules.kieBase(), standIns, Evaluator.ownRule(owner));
    for (RuleTable t : tables) if (t.completed != null) t.completed.absorb(raw);
  }

  /**
   * Runs each rule once per key pair that occurs, on a stand-in move whose names are tokens. With
   * several rules in one base, an agenda filter lets each stand-in fire only its own rule.
   */
  private void evaluate(List<RuleTable> tables) {
    List<Move> standIns = new ArrayList<>();
    Map<Move, String> owner = new IdentityHashMap<>();
    for (RuleTable t : tables) {
      // Stand-in facts are built once per VM and host, not per move.
      VmFact[] vmStandIns = new VmFact[vms.length];
      HostFact[] sourceStandIns = new HostFact[hosts.length];
      HostFact[] targetStandIns = new HostFact[hosts.length];
      for (int[] s : t.standIns) {
        int v = s[2];
        int target = s[3];
        int source = sourceOf[v];
        VmFact vm = vmStandIns[v];
        if (vm == null) {
          vm = vmStandIns[v] = vms[v].renamed(t.realVmNames ? vms[v].getName() : Outcome.VM,
              t.realSourceName ? vms[v].getHost() : Outcome.SOURCE);
        }
        HostFact src = sourceStandIns[source];
        if (src == null) src = sourceStandIns[source] = t.realSourceName ? hosts[source] : hosts[source].renamed(Outcome.SOURCE);
        HostFact tgt = targetStandIns[target];
        if (tgt == null) tgt = targetStandIns[target] = t.realTargetName ? hosts[target] : hosts[target].renamed(Outcome.TARGET);
        Move real = planner.move(vms[v], hosts[target]);
        Move standIn = new Move(vm, src, tgt, 0, real.getTargetCpuReservedMhz(), real.getTargetMemoryReservedMb());
        standIns.add(standIn);
        owner.put(standIn, t.rule.id());
      }
    }
    Map<Move, List<Findings.Raw>> raw;
    if (tables.size() == 1) {
      raw = Evaluator.raw(rules, rules.kieBaseOf(Set.of(tables.get(0).rule.id())), standIns, Progress.NONE);
    } else {
      raw = Evaluator.raw(rules, rules.kieBase(), standIns,
          match -> match.getObjects().stream().anyMatch(o -> o instanceof Move m
              && String.valueOf(match.getRule().getMetaData().get("id")).equals(owner.get(m))));
    }
    int i = 0;
    for (RuleTable t : tables) {
      Map<List<Outcome>, Integer> distinct = new HashMap<>();
      for (int[] s : t.standIns) {
        Move standIn = standIns.get(i++);
        List<Outcome> outcome = new ArrayList<>();
        for (Findings.Raw r : raw.getOrDefault(standIn, List.of())) {
          outcome.add(new Outcome(r.rule(), r.severity(), r.message(), r.remediation()));
        }
        int id = distinct.computeIfAbsent(List.copyOf(outcome), k -> {
          t.outcomes.add(k);
          return t.outcomes.size();
        });
        t.results[s[0]][s[1]] = id;
      }
      t.standIns.clear();
      t.severities = new long[t.outcomes.size()][Severity.values().length];
      t.blocks = new boolean[t.outcomes.size()];
      for (int o = 0; o < t.outcomes.size(); o++) {
        for (Outcome x : t.outcomes.get(o)) {
          t.severities[o][x.severity().ordinal()]++;
          if (x.severity() == Severity.ERROR) t.blocks[o] = true;
        }
      }
    }
  }
}
