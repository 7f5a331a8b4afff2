package io.vmotion.rules;

import io.vmotion.inventory.Cluster;
import io.vmotion.inventory.ClusterRule;
import io.vmotion.inventory.Cpu;
import io.vmotion.inventory.FaultTolerance;
import io.vmotion.inventory.ScsiController;
import io.vmotion.inventory.Vcenter;
import io.vmotion.inventory.VmDevice;
import io.vmotion.inventory.EsxiVersion;
import io.vmotion.inventory.Host;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.Reservation;
import io.vmotion.inventory.Vm;
import io.vmotion.inventory.VmNic;
import io.vmotion.inventory.VmotionNic;
import io.vmotion.rules.facts.Edition;
import io.vmotion.rules.facts.EvcBaseline;
import io.vmotion.rules.facts.GuestOs;
import io.vmotion.rules.facts.HardwareVersion;
import io.vmotion.rules.facts.HostFact;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.IntBinaryOperator;

/**
 * The possible values ("completions") of the facts an inventory marks unknown, and the complete
 * inventories they make: the reference the contract of unknown facts is tested against. A rule must
 * report a finding for a move when every completion makes it, stay quiet when none does, and say
 * "not checked" only when completions disagree.
 *
 * <p>The domain of each unknown fact:
 * <ul>
 *   <li>host {@code version}: any release the rule data mentions ({@link #releases()}), at least the
 *       minEsxi of the hardware version of every powered-on VM on the host whose hardware version is
 *       known and listed in the data;
 *   <li>{@code license}: any edition of the rule data;
 *   <li>{@code cpu.vendor}: intel or amd; {@code cpu.model}: the (family, model) of any host whose model
 *       is known, or a fresh pair (one per host whose model is unknown, any such host may take any);
 *   <li>{@code cpu.cores/threads/mhz}: threads &ge; cores &ge; 1, threads &ge; the vCPUs of each
 *       powered-on VM on the host, cores&times;mhz &ge; their CPU reservations; as a grid of the
 *       smallest such values and very large ones;
 *   <li>{@code cpu.features}: a superset of the listed features and of {@code maxEvcMode}'s baseline,
 *       within the features of every EVC baseline and of the inventory, never holding all of the
 *       baseline after {@code maxEvcMode} (same vendor, file order); {@code biosDisabled} as given.
 *       Not enumerable (2^100 sets): the smallest set, every largest one, and three seeded others.
 *       The CPU rules are monotone in each host's feature set (the target's features only remove
 *       missing features and add BIOS-locked ones; the source's only grow the VM's requirement), so
 *       the smallest and the largest sets decide whether some completion fires or stays quiet;
 *   <li>{@code evcMode}: none, or any baseline of the host's (completed) vendor, no higher than
 *       {@code maxEvcMode} if that is given (only none when {@code maxEvcMode} is of the other vendor);
 *   <li>{@code memoryMb}: at least the memory reservations of its powered-on VMs (that, a bit more,
 *       and a huge value);
 *   <li>{@code vmotionNics}: none, or one adapter of {@link #NIC_SPEEDS} Mbit/s;
 *   <li>host {@code datastores} / {@code portGroups}: every superset of the listed ones and of those of
 *       its powered-on VMs whose own are known, within the names of the inventory and {@link #FRESH_NAME};
 *   <li>VM {@code hardwareVersion}: any ESXi hardware version of the rule data; {@code guestOs}: one
 *       guest id per distinct (minEsxi, maxEsxi) of the rule data (all of them with
 *       {@link #everyGuest()}), and {@link #UNLISTED_GUEST}; {@code vcpus}: 1 to its host's threads
 *       when known (else 768), all of them up to 8, else 1, 2, half, max-1, max;
 *       {@code reservation}: 0 or large for CPU and memory each, large being the most its host (when
 *       its capacity is known) and, for memory, the VM's own memory allow;
 *       {@code datastores} / {@code nics}: any subset of its host's datastores / port groups when
 *       those are known, else of every name of the inventory and {@link #FRESH_NAME}.
 * </ul>
 * VM {@code powerState} and {@code memoryMb} have no domain here (the first would change which
 * moves exist, no rule reads the second): an inventory that marks them unknown is refused.
 *
 * <p>Constraints between two unknown facts (a host's threads and a VM's vCPUs, its capacity and the
 * reservations of its VMs) hold in every completion: host domains are computed after the VMs' facts
 * are chosen, and a completion that breaks one is dropped.
 */
public final class CompletionDomain {

  /** A datastore or port group name the inventory does not use. */
  public static final String FRESH_NAME = "fresh-name-not-in-the-inventory";
  /** A guest id the rule data does not list. */
  public static final String UNLISTED_GUEST = "guestIdNotInTheRuleData";
  public static final List<Integer> NIC_SPEEDS = List.of(100, 1000, 10000, 25000, 100000);
  static final int MAX_CORES = 1 << 16;
  static final int MAX_THREADS = 1 << 17;
  static final int MAX_MHZ = 100_000;
  static final int MAX_VCPUS = 768;
  static final long HUGE_MB = 1L << 40;
  static final long HUGE_MHZ = 1_000_000_000L;
  /** Fresh (family, model) pairs start here; no CPU has family 4000. */
  static final int FRESH_FAMILY = 4000;

  /** Host fields, in the order their domains are chosen (evcMode after the vendor it depends on). */
  static final List<String> HOST_FIELDS = List.of("version", "license", "cpu.vendor", "cpu.model", "cpu.size", "cpu.features",
      "evcMode", "memoryMb", "vmotionNics", "datastores", "portGroups", "gpuProfiles", "hostGroups");
  static final List<String> VM_FIELDS = java.util.stream.Stream.concat(
      java.util.stream.Stream.of("hardwareVersion", "guestOs", "vcpus", "reservation", "datastores", "nics"),
      java.util.stream.Stream.concat(Vm.DEVICE_PARTS.stream(),
          java.util.stream.Stream.of("scsiControllers", "cpuAffinity", "memoryAffinity", "ft", "clusterRules"))).toList();
  /** vGPU frame buffers an unknown vGPU may have: none given, small, and far above a 10 GbE link's 100 s. */
  static final List<Long> VGPU_MEMORY = java.util.Arrays.asList(null, 1024L, 262144L);

  /** One complete inventory and the values it chose, as "h2.license=free". */
  public record Completion(Inventory inventory, List<String> choices) {
    public String describe() {
      return choices.isEmpty() ? "(nothing was unknown)" : String.join("; ", choices);
    }
  }

  /** More completions than a caller allowed. */
  public static final class TooMany extends RuntimeException {
    TooMany(int limit) {
      super("more than " + limit + " completions");
    }
  }

  private final List<EsxiVersion> releases;
  /** Speculation-control features: microcode gives them to a host of any generation. */
  private final Set<String> speculation;
  private final List<String> editions;
  private final List<EvcBaseline> baselines;
  private final List<HardwareVersion> hardware;
  private final List<GuestOs> guests;
  private final boolean everyGuest;
  private final long seed;

  public CompletionDomain(RuleData data) {
    this(data, false, 0);
  }

  private CompletionDomain(RuleData data, boolean everyGuest, long seed) {
    List<Edition> ed = new ArrayList<>();
    List<HardwareVersion> hw = new ArrayList<>();
    List<GuestOs> go = new ArrayList<>();
    for (Object f : data.facts()) {
      if (f instanceof Edition e) ed.add(e);
      if (f instanceof HardwareVersion h) hw.add(h);
      if (f instanceof GuestOs g) go.add(g);
    }
    this.editions = ed.stream().map(Edition::key).toList();
    this.hardware = List.copyOf(hw);
    this.guests = List.copyOf(go);
    this.baselines = List.copyOf(data.baselines().values());
    this.releases = data.releases();
    this.speculation = data.speculationControl();
    this.everyGuest = everyGuest;
    this.seed = seed;
  }

  private CompletionDomain(CompletionDomain c, boolean everyGuest, long seed) {
    this.releases = c.releases;
    this.speculation = c.speculation;
    this.editions = c.editions;
    this.baselines = c.baselines;
    this.hardware = c.hardware;
    this.guests = c.guests;
    this.everyGuest = everyGuest;
    this.seed = seed;
  }

  private static void addRelease(Set<EsxiVersion> to, String v) {
    if (v != null) to.add(EsxiVersion.parse(v));
  }

  /** The same domains, but an unknown guest OS ranges over every guest id of the rule data. */
  public CompletionDomain everyGuest() {
    return new CompletionDomain(this, true, seed);
  }

  /** The same domains, with another seed for the sampled feature sets (and samples). */
  public CompletionDomain seeded(long newSeed) {
    return new CompletionDomain(this, everyGuest, newSeed);
  }

  /** Every distinct ESXi release the rule data names, oldest first. */
  public List<EsxiVersion> releases() {
    return releases;
  }

  /** Every guest id of the rule data. */
  public List<String> guestIds() {
    return guests.stream().map(GuestOs::guestId).toList();
  }

  public List<String> editions() {
    return editions;
  }

  public List<HardwareVersion> hardwareVersions() {
    return hardware;
  }

  /** The unknown facts of an inventory, as "h2.license" or "vm1.guestOs" ("cpu" counts as its parts). */
  public static List<String> unknownFacts(Inventory inv) {
    List<String> out = new ArrayList<>();
    for (Host h : inv.hosts()) {
      for (String f : Host.MAY_BE_UNKNOWN) if (!f.equals("cpu") && h.isUnknown(f)) out.add(h.name() + "." + f);
    }
    for (Vm v : inv.vms()) for (String f : Vm.MAY_BE_UNKNOWN) if (v.unknown().contains(f)) out.add(v.name() + "." + f);
    for (String f : inv.vcenter().unknown()) out.add("vcenter." + f);
    return out;
  }

  /** Every completion; {@link TooMany} when there are more than {@code limit}. */
  public List<Completion> all(Inventory inv, int limit) {
    List<Completion> out = new ArrayList<>();
    new Walk(inv).every(c -> {
      if (out.size() >= limit) throw new TooMany(limit);
      out.add(c);
    });
    if (out.isEmpty()) throw new IllegalArgumentException("the known facts contradict each other: no completion");
    return out;
  }

  /** How many completions there are, counting no further than {@code limit + 1}. */
  public int count(Inventory inv, int limit) {
    try {
      return all(inv, limit).size();
    } catch (TooMany e) {
      return limit + 1;
    }
  }

  /**
   * Every completion when there are at most {@code limit}, else a seeded sample of {@code limit}: the
   * one of every domain's first values (the smallest), the one of every last (the largest), for each
   * fact and each of its values one with that value (the others random), then random ones.
   */
  public List<Completion> sample(Inventory inv, int limit) {
    try {
      return all(inv, limit);
    } catch (TooMany e) {
      // fall through to sampling
    }
    Walk walk = new Walk(inv);
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    Map<List<String>, Completion> out = new LinkedHashMap<>();
    walk.once((slot, size) -> 0).ifPresent(c -> out.putIfAbsent(c.choices(), c));
    walk.once((slot, size) -> size - 1).ifPresent(c -> out.putIfAbsent(c.choices(), c));
    int slots = walk.slots.size();
    for (int s = 0; s < slots && out.size() < limit; s++) {
      int fixed = s;
      for (int j = 0; j < 64 && out.size() < limit; j++) {
        int value = j;
        int[] seen = {0};
        Optional<Completion> c = walk.once((slot, size) -> {
          if (slot != fixed) return random.nextInt(size);
          seen[0] = size;
          return Math.min(value, size - 1);
        });
        c.ifPresent(x -> out.putIfAbsent(x.choices(), x));
        if (value >= seen[0] - 1) break;
      }
    }
    for (int tries = 0; out.size() < limit && tries < 20 * limit; tries++) {
      walk.once((slot, size) -> random.nextInt(size)).ifPresent(c -> out.putIfAbsent(c.choices(), c));
    }
    return List.copyOf(out.values());
  }

  // ---------------------------------------------------------------------------------------------

  /** One value of one unknown fact: the host or VM record that has it. */
  private record Option(String text, int host, Host newHost, int vm, Vm newVm, List<Cluster> newClusters, Vcenter newVcenter) {
    Option(String text, int host, Host newHost, int vm, Vm newVm) {
      this(text, host, newHost, vm, newVm, null, null);
    }
  }

  private interface Slot {
    List<Option> options();
  }

  /** Chooses the unknown facts one after the other, each domain computed from the choices before it. */
  private final class Walk {
    final Inventory original;
    final Host[] hosts;
    final Vm[] vms;
    final List<Slot> slots = new ArrayList<>();
    final Set<String> names;
    final Set<String> portGroupNames;
    final Set<String> universe;
    final List<int[]> knownModels = new ArrayList<>();
    final List<int[]> freshModels = new ArrayList<>();
    final Set<String> profiles = new TreeSet<>();
    final Set<String> vmotionNetworks = new TreeSet<>();
    /** The DRS groups and rules, and vCenter's settings: changed by the slots of clusterRules, hostGroups and vgpuHotMigrate. */
    List<Cluster> clusters;
    Vcenter vcenter;

    Walk(Inventory inv) {
      if (!inv.migrations().isEmpty()) throw new IllegalArgumentException("completions of an inventory with a plan are not supported");
      this.original = inv;
      this.hosts = inv.hosts().toArray(new Host[0]);
      this.vms = inv.vms().toArray(new Vm[0]);
      this.clusters = inv.clusters();
      this.vcenter = inv.vcenter();
      names = new TreeSet<>();
      portGroupNames = new TreeSet<>();
      universe = new TreeSet<>(speculation);
      for (EvcBaseline b : baselines) universe.addAll(b.features());
      for (Host h : hosts) {
        names.addAll(h.datastores());
        portGroupNames.addAll(h.portGroups());
        universe.addAll(h.cpu().features());
        universe.addAll(h.cpu().biosDisabled());
        if (!h.isUnknown("cpu.model")) addModel(knownModels, h.cpu().family(), h.cpu().model());
      }
      for (Vm v : vms) {
        names.addAll(v.datastores());
        v.nics().forEach(n -> portGroupNames.add(n.portGroup()));
        v.cpuFeatures().ifPresent(universe::addAll);
        for (VmDevice d : v.devices()) {
          if (d.datastore() != null) names.add(d.datastore());
          if (d.profile() != null) profiles.add(d.profile());
        }
      }
      for (Host h : hosts) {
        profiles.addAll(h.gpuProfiles());
        h.vmotionNics().forEach(n -> { if (n.portGroup() != null) vmotionNetworks.add(n.portGroup()); });
      }
      profiles.add(FRESH_NAME);
      names.add(FRESH_NAME);
      portGroupNames.add(FRESH_NAME);
      for (Host h : hosts) if (h.isUnknown("cpu.model")) freshModels.add(new int[] {FRESH_FAMILY + freshModels.size(), 1});
      for (int v = 0; v < vms.length; v++) {
        for (String f : Vm.MAY_BE_UNKNOWN) {
          if (!vms[v].unknown().contains(f)) continue;
          if (!VM_FIELDS.contains(f) && !f.equals("devices")) {
            throw new IllegalArgumentException("no domain is defined for " + vms[v].name() + "." + f + " (only " + VM_FIELDS + ")");
          }
        }
        for (String f : VM_FIELDS) if (vms[v].isUnknown(f)) slots.add(vmSlot(v, f));
      }
      if (vcenter.unknown().contains("vgpuHotMigrate")) {
        slots.add(() -> List.of(new Option("vcenter.vgpuHotMigrate=false", -1, null, -1, null, null, new Vcenter(false, Set.of())),
            new Option("vcenter.vgpuHotMigrate=true", -1, null, -1, null, null, new Vcenter(true, Set.of()))));
      }
      for (int h = 0; h < hosts.length; h++) {
        for (String f : HOST_FIELDS) {
          boolean unknown = f.equals("cpu.size")
              ? hosts[h].isUnknown("cpu.cores") || hosts[h].isUnknown("cpu.threads") || hosts[h].isUnknown("cpu.mhz")
              : hosts[h].isUnknown(f);
          if (unknown) slots.add(hostSlot(h, f));
        }
      }
    }

    private void addModel(List<int[]> to, int family, int model) {
      for (int[] m : to) if (m[0] == family && m[1] == model) return;
      to.add(new int[] {family, model});
    }

    void every(Consumer<Completion> out) {
      every(0, new ArrayList<>(), out);
    }

    private void every(int i, List<String> choices, Consumer<Completion> out) {
      if (i == slots.size()) {
        if (valid()) out.accept(completion(choices));
        return;
      }
      for (Option o : slots.get(i).options()) {
        Host oldHost = o.host() >= 0 ? hosts[o.host()] : null;
        Vm oldVm = o.vm() >= 0 ? vms[o.vm()] : null;
        List<Cluster> oldClusters = clusters;
        Vcenter oldVcenter = vcenter;
        apply(o);
        choices.add(o.text());
        every(i + 1, choices, out);
        choices.remove(choices.size() - 1);
        if (oldHost != null) hosts[o.host()] = oldHost;
        if (oldVm != null) vms[o.vm()] = oldVm;
        clusters = oldClusters;
        vcenter = oldVcenter;
      }
    }

    /** One completion, each slot's value picked by {@code pick(slot, size)}; empty when it breaks a constraint. */
    Optional<Completion> once(IntBinaryOperator pick) {
      Host[] savedHosts = hosts.clone();
      Vm[] savedVms = vms.clone();
      List<Cluster> savedClusters = clusters;
      Vcenter savedVcenter = vcenter;
      List<String> choices = new ArrayList<>();
      try {
        for (int i = 0; i < slots.size(); i++) {
          List<Option> options = slots.get(i).options();
          if (options.isEmpty()) return Optional.empty();
          Option o = options.get(pick.applyAsInt(i, options.size()));
          apply(o);
          choices.add(o.text());
        }
        return valid() ? Optional.of(completion(choices)) : Optional.empty();
      } finally {
        System.arraycopy(savedHosts, 0, hosts, 0, hosts.length);
        System.arraycopy(savedVms, 0, vms, 0, vms.length);
        clusters = savedClusters;
        vcenter = savedVcenter;
      }
    }

    private void apply(Option o) {
      if (o.host() >= 0) hosts[o.host()] = o.newHost();
      if (o.vm() >= 0) vms[o.vm()] = o.newVm();
      if (o.newClusters() != null) clusters = o.newClusters();
      if (o.newVcenter() != null) vcenter = o.newVcenter();
    }

    private Completion completion(List<String> choices) {
      List<Host> hs = new ArrayList<>();
      for (Host h : hosts) hs.add(new H(h).unknown(Set.of()).build());
      List<Vm> vs = new ArrayList<>();
      for (Vm v : vms) vs.add(new V(v).unknown(Set.of()).build());
      return new Completion(new Inventory(hs, vs, List.of(), List.of(), clusters, new Vcenter(vcenter.vgpuHotMigrate(), Set.of())), List.copyOf(choices));
    }

    /** Constraints between a host and its VMs, where one of them is unknown. */
    private boolean valid() {
      for (int h = 0; h < hosts.length; h++) {
        Host host = hosts[h];
        Host was = original.hosts().get(h);
        boolean involved = was.isUnknown("cpu.cores") || was.isUnknown("cpu.threads") || was.isUnknown("cpu.mhz")
            || was.isUnknown("memoryMb");
        long cpu = 0;
        long memory = 0;
        int vcpus = 0;
        for (int v = 0; v < vms.length; v++) {
          if (!vms[v].host().equals(host.name()) || !vms[v].poweredOn()) continue;
          Set<String> u = original.vms().get(v).unknown();
          involved |= u.contains("vcpus") || u.contains("reservation");
          cpu += vms[v].reservation().cpuMhz();
          memory += vms[v].reservation().memoryMb();
          vcpus = Math.max(vcpus, vms[v].vcpus());
        }
        if (!involved) continue;
        if (host.cpu().threads() < Math.max(vcpus, host.cpu().cores())) return false;
        if ((long) host.cpu().cores() * host.cpu().mhz() < cpu) return false;
        if (host.memoryMb() < memory) return false;
      }
      return true;
    }

    // ------------------------------------------------------------------------------------------- VMs

    private Slot vmSlot(int v, String field) {
      String who = vms[v].name() + "." + field + "=";
      return () -> {
        Vm vm = vms[v];
        Host host = originalHost(vm.host());
        List<Option> out = new ArrayList<>();
        switch (field) {
          case "hardwareVersion" -> {
            for (HardwareVersion hw : hardware) out.add(vmOption(v, who + "vmx-" + hw.version(), new V(vm).hardwareVersion(hw.version())));
          }
          case "guestOs" -> {
            Set<List<Integer>> classes = new HashSet<>();
            for (GuestOs g : guests) {
              if (everyGuest || classes.add(List.of(g.minEsxiKey(), g.maxEsxiKey()))) {
                out.add(vmOption(v, who + g.guestId(), new V(vm).guestOs(g.guestId())));
              }
            }
            out.add(vmOption(v, who + UNLISTED_GUEST, new V(vm).guestOs(UNLISTED_GUEST)));
          }
          case "vcpus" -> {
            int max = host != null && !host.isUnknown("cpu.threads") ? host.cpu().threads() : MAX_VCPUS;
            Set<Integer> values = new TreeSet<>();
            if (max <= 8) {
              for (int i = 1; i <= max; i++) values.add(i);
            } else {
              values.addAll(List.of(1, 2, max / 2, max - 1, max));
            }
            for (int n : values) out.add(vmOption(v, who + n, new V(vm).vcpus(n)));
          }
          case "reservation" -> {
            long cpuLarge = HUGE_MHZ;
            long memLarge = vm.memoryMb() > 0 ? vm.memoryMb() : HUGE_MB;
            if (host != null) {
              long otherCpu = 0;
              long otherMem = 0;
              for (Vm o : original.vms()) {
                if (o == original.vms().get(v) || !o.host().equals(host.name()) || !o.poweredOn() || o.unknown().contains("reservation")) continue;
                otherCpu += o.reservation().cpuMhz();
                otherMem += o.reservation().memoryMb();
              }
              // The most its host could hold: its cores and clock, or the largest ones where they are unknown.
              long cores = host.isUnknown("cpu.cores") ? MAX_CORES : host.cpu().cores();
              long mhz = host.isUnknown("cpu.mhz") ? MAX_MHZ : host.cpu().mhz();
              cpuLarge = Math.min(HUGE_MHZ, cores * mhz - otherCpu);
              if (!host.isUnknown("memoryMb")) memLarge = Math.min(memLarge, host.memoryMb() - otherMem);
            }
            Set<List<Long>> seen = new LinkedHashSet<>();
            for (long c : new long[] {0, Math.max(0, cpuLarge)}) {
              for (long m : new long[] {0, Math.max(0, memLarge)}) {
                if (seen.add(List.of(c, m))) {
                  out.add(vmOption(v, who + "cpu " + c + " MHz, memory " + m + " MB", new V(vm).reservation(new Reservation(c, m))));
                }
              }
            }
          }
          case "datastores" -> {
            Set<String> pool = host != null && !host.isUnknown("datastores") ? new TreeSet<>(host.datastores()) : names;
            for (List<String> s : subsets(List.of(), pool)) out.add(vmOption(v, who + s, new V(vm).datastores(s)));
          }
          case "nics" -> {
            Set<String> pool = host != null && !host.isUnknown("portGroups") ? new TreeSet<>(host.portGroups()) : portGroupNames;
            for (List<String> s : subsets(List.of(), pool)) {
              out.add(vmOption(v, who + s, new V(vm).nics(s.stream().map(pg -> new VmNic(pg, null)).toList())));
            }
          }
          case "scsiControllers" -> {
            out.add(vmOption(v, who + "as listed", new V(vm)));
            for (String sharing : ScsiController.BUS_SHARING) {
              List<ScsiController> more = new ArrayList<>(vm.scsiControllers());
              more.add(new ScsiController("SCSI controller 9", sharing));
              out.add(vmOption(v, who + "and one with " + sharing + " bus sharing", new V(vm).scsiControllers(more)));
            }
          }
          case "cpuAffinity", "memoryAffinity" -> {
            for (List<Integer> extra : List.of(List.<Integer>of(), List.of(0), List.of(1, 3))) {
              List<Integer> set = new ArrayList<>(field.equals("cpuAffinity") ? vm.cpuAffinity() : vm.memoryAffinity());
              for (int x : extra) if (!set.contains(x)) set.add(x);
              V changed = field.equals("cpuAffinity") ? new V(vm).cpuAffinity(set) : new V(vm).memoryAffinity(set);
              out.add(vmOption(v, who + set, changed));
            }
          }
          case "ft" -> {
            if (vm.ft() == null) out.add(vmOption(v, who + "none", new V(vm)));
            String role = vm.ft() == null ? "primary" : vm.ft().role();
            for (Host h : hosts) {
              if (h.name().equals(vm.host()) || !java.util.Objects.equals(h.cluster(), host == null ? null : host.cluster())) continue;
              out.add(vmOption(v, who + role + " with partner on " + h.name(), new V(vm).ft(new FaultTolerance(role, h.name()))));
            }
          }
          case "clusterRules" -> clusterRuleOptions(v, vm, host, who, out);
          default -> {
            if (!field.startsWith("devices.")) throw new IllegalStateException(field);
            String type = field.substring("devices.".length());
            out.add(vmOption(v, who + "as listed", new V(vm)));
            List<VmDevice> every = new ArrayList<>(vm.devices());
            for (VmDevice d : deviceVariants(type)) {
              List<VmDevice> one = new ArrayList<>(vm.devices());
              one.add(d);
              every.add(d);
              out.add(vmOption(v, who + "and " + describe(d), new V(vm).devices(one)));
            }
            out.add(vmOption(v, who + "and one of every kind", new V(vm).devices(every)));
          }
        }
        return out;
      };
    }

    /** The devices of {@code type} the VM may have beside the listed ones: every backing, connected or not, every image datastore, every profile. */
    private List<VmDevice> deviceVariants(String type) {
      List<VmDevice> out = new ArrayList<>();
      List<String> backings = VmDevice.BACKINGS_OF.getOrDefault(type, List.of());
      if (type.equals("vgpu")) {
        for (String profile : profiles) for (Long memory : VGPU_MEMORY) out.add(new VmDevice(type, "PCI device 9", profile, null, true, null, memory));
      } else if (backings.isEmpty()) {
        out.add(new VmDevice(type, "device 9", null));
      }
      for (String b : backings) {
        for (boolean connected : new boolean[] {true, false}) {
          if (b.equals("datastore")) {
            for (String ds : names) out.add(new VmDevice(type, "drive 9", null, b, connected, ds, null));
          } else {
            out.add(new VmDevice(type, "drive 9", null, b, connected, null, null));
          }
        }
      }
      return out;
    }

    private static String describe(VmDevice d) {
      return d.type() + (d.backing() == null ? "" : " " + d.backing()) + (d.datastore() == null ? "" : " on " + d.datastore())
          + (d.profile() == null ? "" : " " + d.profile()) + (d.vgpuMemoryMb() == null ? "" : " " + d.vgpuMemoryMb() + " MB")
          + (d.connected() ? "" : " disconnected");
    }

    /**
     * The DRS rules that may cover the VM beside the listed ones: a VM-Host rule of every kind to
     * every host group of its cluster or a new, empty one, or a VM-VM rule of either kind with any
     * other powered-on VM of the inventory.
     */
    private void clusterRuleOptions(int v, Vm vm, Host host, String who, List<Option> out) {
      String cluster = host == null ? null : host.cluster();
      out.add(new Option(who + "as listed", -1, null, -1, null, clusters, null));
      if (cluster == null) return;
      Cluster mine = null;
      for (Cluster c : clusters) if (c.name().equals(cluster)) mine = c;
      Set<String> groups = new TreeSet<>(mine == null ? Set.of() : mine.hostGroups().keySet());
      groups.add(FRESH_NAME);
      for (String g : groups) {
        for (boolean affine : new boolean[] {true, false}) {
          for (boolean mandatory : new boolean[] {true, false}) {
            ClusterRule rule = new ClusterRule("completion", "vm-host", "completion-vms", g, List.of(), affine, mandatory, true);
            out.add(new Option(who + (mandatory ? "must" : "should") + (affine ? "" : " not") + " run on " + g, -1, null, -1, null,
                withRule(cluster, rule, vm.name(), g), null));
          }
        }
      }
      // A rule with another VM covers that VM too: only one whose own DRS rules are unknown can be in it.
      for (int o = 0; o < vms.length; o++) {
        Vm other = vms[o];
        if (other == vm || !other.poweredOn() || !original.vms().get(o).isUnknown("clusterRules")) continue;
        for (boolean affine : new boolean[] {true, false}) {
          ClusterRule rule = new ClusterRule("completion", "vm-vm", null, null, List.of(vm.name(), other.name()), affine, false, true);
          out.add(new Option(who + (affine ? "together with " : "apart from ") + other.name(), -1, null, -1, null, withRule(cluster, rule, vm.name(), null), null));
        }
      }
    }

    /** The clusters with {@code rule} added to {@code cluster}, its VM group holding {@code vm}, and host group {@code group} created if new. */
    private List<Cluster> withRule(String cluster, ClusterRule rule, String vm, String group) {
      List<Cluster> out = new ArrayList<>();
      boolean found = false;
      for (Cluster c : clusters) {
        if (!c.name().equals(cluster)) {
          out.add(c);
          continue;
        }
        found = true;
        out.add(extended(c, rule, vm, group));
      }
      if (!found) out.add(extended(new Cluster(cluster, Map.of(), Map.of(), List.of()), rule, vm, group));
      return out;
    }

    private static Cluster extended(Cluster c, ClusterRule rule, String vm, String group) {
      Map<String, List<String>> vmGroups = new LinkedHashMap<>(c.vmGroups());
      Map<String, List<String>> hostGroups = new LinkedHashMap<>(c.hostGroups());
      List<ClusterRule> rules = new ArrayList<>(c.rules());
      String name = rule.name() + "-" + rules.size();
      if (rule.type().equals("vm-host")) {
        vmGroups.put(name + "-vms", List.of(vm));
        hostGroups.putIfAbsent(group, List.of());
        rules.add(new ClusterRule(name, "vm-host", name + "-vms", group, List.of(), rule.affine(), rule.mandatory(), true));
      } else {
        rules.add(new ClusterRule(name, "vm-vm", null, null, rule.vms(), rule.affine(), false, true));
      }
      return new Cluster(c.name(), vmGroups, hostGroups, rules);
    }

    private Option vmOption(int v, String text, V vm) {
      return new Option(text, -1, null, v, vm.build());
    }

    private Host originalHost(String name) {
      for (Host h : original.hosts()) if (h.name().equals(name)) return h;
      return null;
    }

    // ------------------------------------------------------------------------------------------- hosts

    private Slot hostSlot(int h, String field) {
      Host was = hosts[h];
      String who = was.name() + "." + field + "=";
      return () -> {
        Host host = hosts[h];
        List<Option> out = new ArrayList<>();
        List<Vm> running = new ArrayList<>();
        for (Vm v : vms) if (v.host().equals(host.name()) && v.poweredOn()) running.add(v);
        switch (field) {
          case "version" -> {
            int min = 0;
            for (int i = 0; i < vms.length; i++) {
              Vm v = original.vms().get(i);
              if (!v.host().equals(host.name()) || !v.poweredOn() || v.unknown().contains("hardwareVersion")) continue;
              for (HardwareVersion hw : hardware) if (hw.version() == v.hardwareVersion()) min = Math.max(min, hw.minEsxiKey());
            }
            for (EsxiVersion r : releases) {
              if (HostFact.versionKey(r) >= min) out.add(hostOption(h, who + r, new H(host).version(r)));
            }
          }
          case "license" -> {
            for (String e : editions) out.add(hostOption(h, who + e, new H(host).license(e)));
          }
          case "cpu.vendor" -> {
            for (String vendor : List.of("intel", "amd")) out.add(hostOption(h, who + vendor, new H(host).cpu(cpu(host, vendor, null, null, null))));
          }
          case "cpu.model" -> {
            List<int[]> models = new ArrayList<>(knownModels);
            models.addAll(freshModels);
            for (int[] m : models) {
              out.add(hostOption(h, who + "family " + m[0] + " model " + m[1], new H(host).cpu(cpu(host, null, m, null, null))));
            }
          }
          case "cpu.size" -> {
            for (int[] s : sizes(was, host, running)) {
              out.add(hostOption(h, was.name() + ".cpu=" + s[0] + " cores, " + s[1] + " threads, " + s[2] + " MHz",
                  new H(host).cpu(cpu(host, null, null, s, null))));
            }
          }
          case "cpu.features" -> {
            for (Map.Entry<Set<String>, String> e : featureSets(host).entrySet()) {
              out.add(hostOption(h, who + e.getValue(), new H(host).cpu(cpu(host, null, null, null, e.getKey()))));
            }
          }
          case "evcMode" -> {
            out.add(hostOption(h, who + "none", new H(host).evcMode(null)));
            EvcBaseline max = host.maxEvcMode() == null ? null : baseline(host.maxEvcMode());
            if (max == null || max.vendor().equals(host.cpu().vendor())) {
              for (EvcBaseline b : baselines) {
                if (!b.vendor().equals(host.cpu().vendor())) continue;
                out.add(hostOption(h, who + b.key(), new H(host).evcMode(b.key())));
                if (max != null && b.key().equals(max.key())) break;
              }
            }
          }
          case "memoryMb" -> {
            long reserved = 0;
            for (Vm v : running) reserved += v.reservation().memoryMb();
            for (long m : new TreeSet<>(List.of(reserved, reserved + 65536, HUGE_MB))) out.add(hostOption(h, who + m, new H(host).memoryMb(m)));
          }
          case "vmotionNics" -> {
            out.add(hostOption(h, who + "none", new H(host).vmotionNics(List.of())));
            // One adapter of any speed, MTU, link state and network; the plain one (MTU 9000, full duplex, up, unnamed) last.
            List<String> networks = new ArrayList<>(vmotionNetworks);
            networks.add(FRESH_NAME);
            networks.add(null);
            for (int mtu : new int[] {1500, 9000}) {
              for (String link : List.of("down", "half", "full")) {
                for (String network : networks) {
                  for (int speed : NIC_SPEEDS) {
                    VmotionNic nic = new VmotionNic("vmk1", speed, mtu, link.equals("half") ? "half" : "full", !link.equals("down"), network);
                    String text = speed + " Mbit/s" + (mtu == 9000 ? "" : ", MTU " + mtu) + (link.equals("full") ? "" : link.equals("half") ? ", half duplex" : ", link down")
                        + (network == null ? "" : ", on " + network);
                    out.add(hostOption(h, who + text, new H(host).vmotionNics(List.of(nic))));
                  }
                }
              }
            }
          }
          case "gpuProfiles" -> {
            for (List<String> set : subsets(was.gpuProfiles(), profiles)) out.add(hostOption(h, who + set, new H(host).gpuProfiles(set)));
          }
          case "hostGroups" -> hostGroupOptions(h, host, who, out);
          case "datastores" -> {
            Set<String> base = new TreeSet<>(was.datastores());
            for (Vm v : original.vms()) {
              if (v.host().equals(host.name()) && v.poweredOn() && !v.unknown().contains("datastores")) base.addAll(v.datastores());
            }
            for (List<String> s : subsets(base, names)) out.add(hostOption(h, who + s, new H(host).datastores(s)));
          }
          case "portGroups" -> {
            Set<String> base = new TreeSet<>(was.portGroups());
            for (Vm v : original.vms()) {
              if (v.host().equals(host.name()) && v.poweredOn() && !v.unknown().contains("nics")) v.nics().forEach(n -> base.add(n.portGroup()));
            }
            for (List<String> s : subsets(base, portGroupNames)) out.add(hostOption(h, who + s, new H(host).portGroups(s)));
          }
          default -> throw new IllegalStateException(field);
        }
        return out;
      };
    }

    /** Every superset of the host's listed DRS host groups within the groups of its cluster. */
    private void hostGroupOptions(int h, Host host, String who, List<Option> out) {
      Cluster mine = null;
      for (Cluster c : clusters) if (c.name().equals(host.cluster())) mine = c;
      if (mine == null) {
        out.add(new Option(who + "none", -1, null, -1, null, clusters, null));
        return;
      }
      Set<String> listed = new TreeSet<>();
      mine.hostGroups().forEach((g, members) -> { if (members.contains(host.name())) listed.add(g); });
      for (List<String> set : subsets(listed, mine.hostGroups().keySet())) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : mine.hostGroups().entrySet()) {
          List<String> members = new ArrayList<>(e.getValue());
          if (set.contains(e.getKey()) && !members.contains(host.name())) members.add(host.name());
          groups.put(e.getKey(), members);
        }
        Cluster changed = new Cluster(mine.name(), mine.vmGroups(), groups, mine.rules());
        List<Cluster> all = new ArrayList<>();
        for (Cluster c : clusters) all.add(c == mine ? changed : c);
        out.add(new Option(who + set, -1, null, -1, null, all, null));
      }
    }

    private Option hostOption(int h, String text, H host) {
      return new Option(text, h, host.build(), -1, null);
    }

    /**
     * Cores, threads and MHz for the unknown ones of these parts: the feasible points with the fewest
     * threads, the least capacity, the most threads and the most capacity.
     */
    private List<int[]> sizes(Host was, Host now, List<Vm> running) {
      long reserved = 0;
      int vcpus = 0;
      for (Vm v : running) {
        reserved += v.reservation().cpuMhz();
        vcpus = Math.max(vcpus, v.vcpus());
      }
      boolean uc = was.isUnknown("cpu.cores");
      boolean ut = was.isUnknown("cpu.threads");
      boolean um = was.isUnknown("cpu.mhz");
      Set<Long> cores = new TreeSet<>();
      Set<Long> threads = new TreeSet<>();
      Set<Long> mhz = new TreeSet<>();
      List<Long> baseCores = uc ? List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, (long) MAX_CORES) : List.of((long) now.cpu().cores());
      List<Long> baseMhz = um ? List.of(1L, 1000L, 2000L, 2500L, 3000L, (long) MAX_MHZ) : List.of((long) now.cpu().mhz());
      cores.addAll(baseCores);
      mhz.addAll(baseMhz);
      if (uc) for (long m : baseMhz) cores.add(Math.max(1, ceil(reserved, m)));
      if (um) for (long c : baseCores) mhz.add(Math.max(1, ceil(reserved, c)));
      if (ut) {
        threads.addAll(List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, (long) MAX_THREADS, (long) Math.max(1, vcpus)));
        threads.addAll(cores);
      } else {
        threads.add((long) now.cpu().threads());
      }
      List<long[]> feasible = new ArrayList<>();
      for (long c : cores) {
        for (long t : threads) {
          for (long m : mhz) {
            if (c < 1 || c > MAX_CORES || t < c || t > MAX_THREADS || t < vcpus || m < 1 || m > MAX_MHZ || c * m < reserved) continue;
            feasible.add(new long[] {c, t, m, c * m});
          }
        }
      }
      List<int[]> out = new ArrayList<>();
      if (feasible.isEmpty()) return out;
      Comparator<long[]> byThreads = Comparator.<long[]>comparingLong(x -> x[1]).thenComparingLong(x -> x[3]);
      Comparator<long[]> byCapacity = Comparator.<long[]>comparingLong(x -> x[3]).thenComparingLong(x -> x[1]);
      for (long[] x : List.of(feasible.stream().min(byThreads).get(), feasible.stream().min(byCapacity).get(),
          feasible.stream().max(byThreads).get(), feasible.stream().max(byCapacity).get())) {
        int[] p = {(int) x[0], (int) x[1], (int) x[2]};
        if (out.stream().noneMatch(q -> Arrays.equals(p, q))) out.add(p);
      }
      return out;
    }

    /** The candidate feature sets, each with how it differs from the listed features. */
    private Map<Set<String>, String> featureSets(Host host) {
      Set<String> listed = new TreeSet<>(host.cpu().features());
      Set<String> min = new TreeSet<>(listed);
      EvcBaseline max = host.maxEvcMode() == null ? null : baseline(host.maxEvcMode());
      EvcBaseline next = null;
      if (max != null) {
        min.addAll(max.features());
        boolean after = false;
        for (EvcBaseline b : baselines) {
          if (after && b.vendor().equals(max.vendor())) {
            next = b;
            break;
          }
          if (b.key().equals(max.key())) after = true;
        }
      }
      List<String> free = new ArrayList<>();
      if (next != null) for (String f : new TreeSet<>(next.features())) if (!min.contains(f)) free.add(f);
      if (next != null && free.isEmpty()) return Map.of();
      Map<Set<String>, String> out = new LinkedHashMap<>();
      out.put(min, describe(listed, min));
      SplittableRandom random = new SplittableRandom(seed * 31 + host.name().hashCode());
      List<String> optional = new ArrayList<>(universe);
      optional.removeAll(min);
      for (int i = 0; i < 3; i++) {
        Set<String> s = new TreeSet<>(min);
        for (String f : optional) if (random.nextBoolean()) s.add(f);
        if (next != null && s.containsAll(next.features())) s.remove(free.get(random.nextInt(free.size())));
        out.putIfAbsent(s, describe(listed, s));
      }
      if (next == null) {
        out.putIfAbsent(new TreeSet<>(universe), describe(listed, universe));
      } else {
        for (String f : free) {
          Set<String> s = new TreeSet<>(universe);
          s.remove(f);
          out.putIfAbsent(s, describe(listed, s));
        }
      }
      return out;
    }

    private String describe(Set<String> listed, Set<String> set) {
      Set<String> added = new TreeSet<>(set);
      added.removeAll(listed);
      Set<String> absent = new TreeSet<>(universe);
      absent.removeAll(set);
      if (added.isEmpty()) return "the listed " + listed.size() + " features";
      if (absent.isEmpty()) return "every feature of the rule data and inventory";
      if (absent.size() <= added.size()) return "every feature of the rule data and inventory but " + absent;
      return "the listed features and " + added;
    }

    private Cpu cpu(Host host, String vendor, int[] model, int[] size, Set<String> features) {
      Cpu c = host.cpu();
      return new Cpu(vendor != null ? vendor : c.vendor(), model != null ? model[0] : c.family(), model != null ? model[1] : c.model(),
          size != null ? size[0] : c.cores(), size != null ? size[1] : c.threads(), size != null ? size[2] : c.mhz(),
          features != null ? features : c.features(), c.biosDisabled());
    }
  }

  private EvcBaseline baseline(String key) {
    for (EvcBaseline b : baselines) if (b.key().equals(key)) return b;
    return null;
  }

  private static long ceil(long a, long b) {
    return (a + b - 1) / b;
  }

  /** Every set that holds {@code base} and any of {@code pool}'s other names, smallest first. */
  static List<List<String>> subsets(Collection<String> base, Collection<String> pool) {
    List<String> optional = new ArrayList<>(new TreeSet<>(pool));
    optional.removeAll(base);
    if (optional.size() > 12) throw new IllegalArgumentException("too many names to enumerate subsets of: " + optional);
    List<List<String>> out = new ArrayList<>();
    for (int mask = 0; mask < 1 << optional.size(); mask++) {
      TreeSet<String> s = new TreeSet<>(base);
      for (int i = 0; i < optional.size(); i++) if ((mask & 1 << i) != 0) s.add(optional.get(i));
      out.add(List.copyOf(s));
    }
    out.sort(Comparator.comparingInt(List::size));
    return out;
  }

  // --------------------------------------------------------------------------------------------- builders

  /** A host to change one field of. */
  static final class H {
    private final Host h;
    private EsxiVersion version;
    private String license;
    private Cpu cpu;
    private String evcMode;
    private String maxEvcMode;
    private long memoryMb;
    private List<VmotionNic> vmotionNics;
    private List<String> datastores;
    private List<String> portGroups;
    private List<String> gpuProfiles;
    private Set<String> unknown;

    H(Host h) {
      this.h = h;
      version = h.version();
      license = h.license();
      cpu = h.cpu();
      evcMode = h.evcMode();
      maxEvcMode = h.maxEvcMode();
      memoryMb = h.memoryMb();
      vmotionNics = h.vmotionNics();
      datastores = h.datastores();
      portGroups = h.portGroups();
      gpuProfiles = h.gpuProfiles();
      unknown = h.unknown();
    }

    H gpuProfiles(List<String> v) { gpuProfiles = v; return this; }

    H version(EsxiVersion v) { version = v; return this; }
    H license(String v) { license = v; return this; }
    H cpu(Cpu v) { cpu = v; return this; }
    H evcMode(String v) { evcMode = v; return this; }
    H maxEvcMode(String v) { maxEvcMode = v; return this; }
    H memoryMb(long v) { memoryMb = v; return this; }
    H vmotionNics(List<VmotionNic> v) { vmotionNics = v; return this; }
    H datastores(List<String> v) { datastores = v; return this; }
    H portGroups(List<String> v) { portGroups = v; return this; }
    H unknown(Set<String> v) { unknown = v; return this; }

    Host build() {
      return new Host(h.name(), h.cluster(), version, license, h.state(), h.maintenanceMode(), cpu, evcMode, maxEvcMode, memoryMb,
          vmotionNics, datastores, portGroups, unknown, gpuProfiles);
    }
  }

  /** A VM to change one field of. */
  static final class V {
    private final Vm v;
    private int hardwareVersion;
    private String guestOs;
    private int vcpus;
    private Reservation reservation;
    private List<String> datastores;
    private List<VmNic> nics;
    private Set<String> unknown;
    private List<VmDevice> devices;
    private List<ScsiController> scsiControllers;
    private List<Integer> cpuAffinity;
    private List<Integer> memoryAffinity;
    private FaultTolerance ft;

    V(Vm v) {
      this.v = v;
      hardwareVersion = v.hardwareVersion();
      guestOs = v.guestOs();
      vcpus = v.vcpus();
      reservation = v.reservation();
      datastores = v.datastores();
      nics = v.nics();
      unknown = v.unknown();
      devices = v.devices();
      scsiControllers = v.scsiControllers();
      cpuAffinity = v.cpuAffinity();
      memoryAffinity = v.memoryAffinity();
      ft = v.ft();
    }

    V devices(List<VmDevice> x) { devices = x; return this; }
    V scsiControllers(List<ScsiController> x) { scsiControllers = x; return this; }
    V cpuAffinity(List<Integer> x) { cpuAffinity = x; return this; }
    V memoryAffinity(List<Integer> x) { memoryAffinity = x; return this; }
    V ft(FaultTolerance x) { ft = x; return this; }

    V hardwareVersion(int x) { hardwareVersion = x; return this; }
    V guestOs(String x) { guestOs = x; return this; }
    V vcpus(int x) { vcpus = x; return this; }
    V reservation(Reservation x) { reservation = x; return this; }
    V datastores(List<String> x) { datastores = x; return this; }
    V nics(List<VmNic> x) { nics = x; return this; }
    V unknown(Set<String> x) { unknown = x; return this; }

    Vm build() {
      return new Vm(v.name(), v.host(), v.powerState(), hardwareVersion, guestOs, vcpus, v.memoryMb(), reservation, datastores, nics,
          v.cpuFeatures(), v.cpuVendor(), v.minRequiredEvcMode(), devices, unknown, scsiControllers, cpuAffinity, memoryAffinity, ft, v.activeMemoryMb(), v.dirtyRateMbps(), v.hotSetMb());
    }
  }
}
