package io.vmotion.rules;

import io.vmotion.inventory.Cpu;
import io.vmotion.inventory.FaultTolerance;
import io.vmotion.inventory.ScsiController;
import io.vmotion.inventory.VmDevice;
import io.vmotion.rules.facts.VmContext;
import io.vmotion.rules.facts.VmHostRule;
import io.vmotion.rules.facts.VmVmRule;
import io.vmotion.inventory.EsxiVersion;
import io.vmotion.inventory.Host;
import io.vmotion.inventory.Reservation;
import io.vmotion.inventory.Vm;
import io.vmotion.inventory.VmNic;
import io.vmotion.inventory.VmotionNic;
import io.vmotion.rules.facts.Edition;
import io.vmotion.rules.facts.EvcBaseline;
import io.vmotion.rules.facts.GuestOs;
import io.vmotion.rules.facts.HardwareVersion;
import io.vmotion.rules.facts.HostFact;
import io.vmotion.rules.facts.VmFact;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The values an unknown fact could take, as few as decide a rule: a rule's verdict on a move with
 * unknown facts is the same for every completion exactly when it is the same for these.
 *
 * <p>Finite facts (ESXi release, licence edition, CPU vendor, EVC mode, guest OS, hardware
 * version) are enumerated whole. Ordered and set-valued facts (sizes, CPU features, datastores,
 * port groups, vMotion adapters) contribute their least value and their greatest ones, which
 * decides every rule that is monotone in each of them, as the built-in rules are: more CPU features
 * on the target never add a cpu.features finding, a larger host never adds a capacity one.
 *
 * <p>What the inventory does say bounds the values: a host's VMs run there, so it has at least
 * their vCPUs, reservations, datastores and port groups and a release that runs their hardware
 * versions; a VM's files and networks are among those of its host; listed features of a host whose
 * features are unknown are present, and its maxEvcMode cannot be exceeded. docs/inventory-format.md
 * states the same domain, and a property test checks the tool against it.
 */
final class Completions {

  /** Above this many completions of one side, a move is left "not checked" rather than enumerated. */
  static final int LIMIT = 20_000;

  static final long BIG = 1L << 40;
  static final String FRESH = "\u0002another\u0002";
  private static final int MAX_CORES = 1 << 16;
  private static final int MAX_THREADS = 1 << 17;
  private static final int MAX_MHZ = 100_000;
  private static final long MAX_NIC_MBPS = 100_000;
  /** The slowest vMotion adapter an unknown host may have (100 Mbit/s, the slowest Ethernet ESXi supports). */
  private static final long MIN_NIC_MBPS = 100;
  /** The largest vGPU frame buffer an unknown vGPU may have: 1 TiB, beyond any GPU. */
  private static final long MAX_VGPU_MB = 1L << 20;

  /** The unknown a target has where one of its powered-on VMs has unknown reservations. */
  static final String VM_RESERVATIONS = "vmReservations";
  private static final long UNBOUNDED_RESERVATION = 1_000_000_000L;

  /** One VM-side completion: the VM as rules see it and its (completed) source host. */
  record VmSide(VmFact vm, HostFact source) {}

  /** One target-side completion: the host and what its VMs reserve on it when the move runs. */
  record Target(HostFact host, long cpuReservedMhz, long memoryReservedMb) {}

  /** What the VMs running on a host say of it (reservations: those known). */
  private record Floor(EsxiVersion version, int threads, long cpuReservedMhz, long memoryReservedMb, Set<String> datastores, Set<String> portGroups) {}

  private final Map<String, EvcBaseline> baselines;
  private final List<EsxiVersion> releases;
  private final List<String> editions;
  private final List<Integer> hardwareVersions;
  private final List<String> guests;
  private final Map<Integer, EsxiVersion> hardwareMinEsxi = new HashMap<>();
  private final Set<String> features = new TreeSet<>();
  private final Set<String> datastores = new TreeSet<>();
  private final Set<String> portGroups = new TreeSet<>();
  private final List<int[]> models = new ArrayList<>();
  private final Map<String, Floor> floors = new HashMap<>();
  /** Per host: the most its VMs of unknown reservations may reserve besides the known ones (CPU, memory). */
  private final Map<String, long[]> unknownReservations = new HashMap<>();
  private final Map<String, HostFact> hostsByName = new HashMap<>();
  /** vGPU profiles the inventory's VMs use: a host whose profiles are unknown may offer any of them. */
  private final Set<String> gpuProfiles = new TreeSet<>();
  /** Host group names per cluster: a host whose groups are unknown may be in any group of its cluster. */
  private final Map<String, Set<String>> hostGroupNames;
  /** Powered-on VMs whose DRS rules are unknown: a VM-VM rule the listed ones lack can only be with one of them. */
  private final Set<String> rulesUnknown = new java.util.HashSet<>();
  /** Hosts per cluster (key: the cluster, "" for none): an FT partner runs in the VM's cluster. */
  private final Map<String, List<String>> hostsOfCluster = new HashMap<>();

  /** A VMkernel adapter of each kind that decides a vMotion network rule, for hosts whose adapters are unknown. */
  static final List<List<VmotionNic>> NIC_COMPLETIONS = List.of(
      List.of(),
      List.of(new VmotionNic("completion", MIN_NIC_MBPS, 1500, "full", true, FRESH)),
      List.of(new VmotionNic("completion", MAX_NIC_MBPS, 9000, "full", true, FRESH)),
      List.of(new VmotionNic("completion", MAX_NIC_MBPS, 9000, "half", true, FRESH)),
      List.of(new VmotionNic("completion", MAX_NIC_MBPS, 9000, "full", false, FRESH)));

  Completions(RuleData data, List<HostFact> hosts, List<VmFact> vms) {
    this(data, hosts, vms, Map.of());
  }

  /** @param hostGroupNames the DRS host group names of each cluster */
  Completions(RuleData data, List<HostFact> hosts, List<VmFact> vms, Map<String, Set<String>> hostGroupNames) {
    this.hostGroupNames = hostGroupNames;
    this.baselines = data.baselines();
    List<String> ed = new ArrayList<>();
    Set<Integer> hw = new TreeSet<>();
    Set<String> gs = new TreeSet<>();
    for (Object fact : data.facts()) {
      if (fact instanceof Edition e) ed.add(e.key());
      if (fact instanceof HardwareVersion h) {
        hw.add(h.version());
        if (h.minEsxi() != null) hardwareMinEsxi.put(h.version(), EsxiVersion.parse(h.minEsxi()));
      }
      if (fact instanceof GuestOs g) gs.add(g.guestId());
      if (fact instanceof EvcBaseline b) features.addAll(b.features());
    }
    gs.add(FRESH);
    features.addAll(data.speculationControl());
    // Every release the data names: between two of them no rule compares differently.
    this.releases = data.releases();
    this.editions = List.copyOf(ed);
    this.hardwareVersions = List.copyOf(hw);
    this.guests = List.copyOf(gs);
    Set<List<Integer>> seenModels = new LinkedHashSet<>();
    for (HostFact h : hosts) {
      features.addAll(h.getFeatures());
      features.addAll(h.getBiosDisabled());
      datastores.addAll(h.getDatastores());
      portGroups.addAll(h.getPortGroups());
      if (!h.host().isUnknown("cpu.model")) seenModels.add(List.of(h.getCpuFamily(), h.getCpuModel()));
    }
    for (List<Integer> m : seenModels) models.add(new int[] {m.get(0), m.get(1)});
    models.add(new int[] {-1, -1});
    datastores.add(FRESH);
    portGroups.add(FRESH);
    Map<String, List<VmFact>> running = new HashMap<>();
    // VMs that use their host's features share its set: add each set once.
    Set<Set<String>> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (VmFact v : vms) {
      if (seen.add(v.getCpuFeatures())) features.addAll(v.getCpuFeatures());
      datastores.addAll(v.getDatastores());
      portGroups.addAll(v.getPortGroups());
      for (VmDevice d : v.getDevices()) {
        if (d.datastore() != null) datastores.add(d.datastore());
        if (d.profile() != null && d.type().equals("vgpu")) gpuProfiles.add(d.profile());
      }
      if (v.isPoweredOn()) running.computeIfAbsent(v.getHost(), k -> new ArrayList<>()).add(v);
      if (v.isPoweredOn() && v.vm().isUnknown("clusterRules")) rulesUnknown.add(v.getName());
    }
    for (HostFact h : hosts) {
      hostsByName.put(h.getName(), h);
      hostsOfCluster.computeIfAbsent(h.getCluster() == null ? "" : h.getCluster(), k -> new ArrayList<>()).add(h.getName());
      List<VmFact> on = running.getOrDefault(h.getName(), List.of());
      floors.put(h.getName(), floor(on));
      long[] extra = null;
      for (VmFact v : on) {
        if (!v.vm().unknown().contains("reservation")) continue;
        // [0..1]: the most they may add; [2..3]: the defaults the inventory holds for them, which count as none
        if (extra == null) extra = new long[4];
        long[] most = mostReservation(v, h);
        extra[0] += most[0];
        extra[1] += most[1];
        extra[2] += v.getCpuReservationMhz();
        extra[3] += v.getMemoryReservationMb();
      }
      if (extra != null) unknownReservations.put(h.getName(), extra);
    }
  }

  /** Whether a powered-on VM on {@code host} has unknown reservations. */
  boolean reservationsUnknown(String host) {
    return unknownReservations.containsKey(host);
  }

  /**
   * The largest reservations {@code vm} may have: what its host leaves unreserved by the other
   * VMs there (their known reservations), and no more memory than the VM has; unbounded where the
   * host's size is unknown.
   */
  private long[] mostReservation(VmFact vm, HostFact host) {
    Floor floor = floors.get(host.getName());
    boolean own = !vm.vm().unknown().contains("reservation") && vm.isPoweredOn();
    long cpuOthers = floor.cpuReservedMhz() - (own ? vm.getCpuReservationMhz() : 0);
    long memOthers = floor.memoryReservedMb() - (own ? vm.getMemoryReservationMb() : 0);
    Host h = host.host();
    long cpu = h.isUnknown("cpu.cores") || h.isUnknown("cpu.mhz") ? UNBOUNDED_RESERVATION : Math.max(0, host.getCpuCapacityMhz() - cpuOthers);
    long memory = vm.vm().unknown().contains("memoryMb") ? UNBOUNDED_RESERVATION : vm.getMemoryMb();
    if (!h.isUnknown("memoryMb")) memory = Math.min(memory, Math.max(0, host.getMemoryMb() - memOthers));
    return new long[] {cpu, memory};
  }

  /** The completions of a move's target, with what its VMs reserve ({@code reserved} as known, unknown ones at none). */
  List<Target> target(HostFact host, Set<String> fields, long cpuReservedMhz, long memoryReservedMb) {
    Set<String> own = new TreeSet<>(fields);
    boolean reservations = own.remove(VM_RESERVATIONS);
    List<HostFact> hosts = host(host, own);
    if (hosts == null) return null;
    long[] extra = reservations ? unknownReservations.get(host.getName()) : null;
    List<Target> out = new ArrayList<>();
    long cpu = extra == null ? cpuReservedMhz : cpuReservedMhz - extra[2];
    long memory = extra == null ? memoryReservedMb : memoryReservedMb - extra[3];
    for (HostFact h : hosts) {
      out.add(new Target(h, cpu, memory));
      // The VMs of unknown reservations reserve no more than this completion of the host holds.
      if (extra != null) {
        out.add(new Target(h, cpu + Math.min(extra[0], Math.max(0, h.getCpuCapacityMhz() - cpu)),
            memory + Math.min(extra[1], Math.max(0, h.getMemoryMb() - memory))));
      }
    }
    return out.size() > LIMIT ? null : out;
  }

  private Floor floor(List<VmFact> running) {
    EsxiVersion version = null;
    int threads = 1;
    long cpu = 0;
    long memory = 0;
    Set<String> ds = new TreeSet<>();
    Set<String> pgs = new TreeSet<>();
    for (VmFact v : running) {
      Set<String> unknown = v.vm().unknown();
      EsxiVersion min = unknown.contains("hardwareVersion") ? null : hardwareMinEsxi.get(v.getHardwareVersion());
      if (min != null && (version == null || min.compareTo(version) > 0)) version = min;
      if (!unknown.contains("vcpus")) threads = Math.max(threads, v.getVcpus());
      if (!unknown.contains("reservation")) {
        cpu += v.getCpuReservationMhz();
        memory += v.getMemoryReservationMb();
      }
      if (!unknown.contains("datastores")) ds.addAll(v.getDatastores());
      if (!unknown.contains("nics")) pgs.addAll(v.getPortGroups());
    }
    return new Floor(version, threads, cpu, memory, ds, pgs);
  }

  // ---- target (and source) hosts ----

  /** The completions of {@code host} over {@code fields} (names of its "unknown" list), in a fixed order. */
  List<HostFact> host(HostFact host, Set<String> fields) {
    if (fields.isEmpty()) return List.of(host);
    Floor floor = floors.getOrDefault(host.getName(), floor(List.of()));
    List<Host> out = List.of(host.host());
    if (fields.contains("version")) out = expand(out, h -> versions(h, floor));
    if (fields.contains("license")) out = expand(out, h -> editions.stream().map(e -> with(h).license(e).build()).toList());
    if (fields.contains("cpu.vendor")) out = expand(out, h -> List.of("intel", "amd").stream().map(x -> with(h).cpu(cpu(h.cpu()).vendor(x).cpu()).build()).toList());
    if (fields.contains("cpu.model")) {
      out = expand(out, h -> models.stream().map(m -> with(h).cpu(cpu(h.cpu()).family(m[0]).model(m[1]).cpu()).build()).toList());
    }
    boolean cores = fields.contains("cpu.cores");
    boolean threads = fields.contains("cpu.threads");
    boolean mhz = fields.contains("cpu.mhz");
    if (cores || threads || mhz) out = expand(out, h -> List.of(smallest(h, floor, cores, threads, mhz), largest(h, cores, threads, mhz)));
    if (fields.contains("memoryMb")) {
      out = expand(out, h -> List.of(with(h).memoryMb(Math.max(0, floor.memoryReservedMb())).build(), with(h).memoryMb(BIG).build()));
    }
    if (fields.contains("evcMode")) out = expand(out, this::evcModes);
    if (fields.contains("cpu.features")) out = expand(out, this::featureSets);
    if (fields.contains("vmotionNics")) {
      out = expand(out, h -> NIC_COMPLETIONS.stream().map(n -> with(h).vmotionNics(n).build()).toList());
    }
    if (fields.contains("gpuProfiles")) {
      out = expand(out, h -> List.of(h, with(h).gpuProfiles(union(h.gpuProfiles(), gpuProfiles)).build()));
    }
    if (fields.contains("datastores")) {
      out = expand(out, h -> List.of(with(h).datastores(union(h.datastores(), floor.datastores())).build(), with(h).datastores(union(h.datastores(), datastores)).build()));
    }
    if (fields.contains("portGroups")) {
      out = expand(out, h -> List.of(with(h).portGroups(union(h.portGroups(), floor.portGroups())).build(), with(h).portGroups(union(h.portGroups(), portGroups)).build()));
    }
    // The host's DRS groups are the cluster's, not the host record's: listed ones, or also every group of its cluster.
    List<Set<String>> groups = List.of(host.getHostGroups());
    if (fields.contains("hostGroups")) {
      groups = List.of(host.getHostGroups(), union(host.getHostGroups(), hostGroupNames.getOrDefault(String.valueOf(host.getCluster()), Set.of())));
    }
    if ((long) out.size() * groups.size() > LIMIT) return null;
    List<HostFact> facts = new ArrayList<>(out.size() * groups.size());
    for (Host h : out) {
      Host known = with(h).unknown(Set.of()).build();
      EvcBaseline b = known.evcMode() == null ? null : baselines.get(known.evcMode());
      for (Set<String> g : groups) facts.add(new HostFact(known, b == null ? null : b.features(), g));
    }
    return facts;
  }

  private List<Host> versions(Host h, Floor floor) {
    List<Host> out = new ArrayList<>();
    for (EsxiVersion r : releases) if (floor.version() == null || r.compareTo(floor.version()) >= 0) out.add(with(h).version(r).build());
    return out.isEmpty() ? List.of(h) : out;
  }

  /** The smallest logical processors and CPU capacity the host's VMs allow, for the parts that are unknown. */
  private static Host smallest(Host h, Floor floor, boolean cores, boolean threads, boolean mhz) {
    Cpu c = h.cpu();
    long reserved = floor.cpuReservedMhz();
    int k = c.cores();
    int f = c.mhz();
    if (cores && mhz) {
      k = (int) Math.min(MAX_CORES, Math.max(1, ceil(reserved, MAX_MHZ)));
      f = (int) Math.min(MAX_MHZ, Math.max(1, ceil(reserved, k)));
    } else if (cores) {
      k = (int) Math.min(MAX_CORES, Math.max(1, ceil(reserved, f)));
    } else if (mhz) {
      f = (int) Math.min(MAX_MHZ, Math.max(1, ceil(reserved, k)));
    }
    int t = threads ? Math.max(k, floor.threads()) : c.threads();
    if (k > t) k = t;
    return with(h).cpu(cpu(c).cores(k).threads(t).mhz(f).cpu()).build();
  }

  private static Host largest(Host h, boolean cores, boolean threads, boolean mhz) {
    Cpu c = h.cpu();
    int t = threads ? MAX_THREADS : c.threads();
    int k = cores ? Math.min(MAX_CORES, t) : c.cores();
    return with(h).cpu(cpu(c).cores(k).threads(t).mhz(mhz ? MAX_MHZ : c.mhz()).cpu()).build();
  }

  private static long ceil(long a, long b) {
    return b <= 0 ? a : (a + b - 1) / b;
  }

  /** No EVC mode, or any mode of the host's vendor up to its maxEvcMode, in the data's order. */
  private List<Host> evcModes(Host h) {
    List<Host> out = new ArrayList<>();
    out.add(with(h).evcMode(null).build());
    for (EvcBaseline b : baselines.values()) {
      if (!b.vendor().equals(h.cpu().vendor())) continue;
      out.add(with(h).evcMode(b.key()).build());
      if (b.key().equals(h.maxEvcMode())) break;
    }
    return out;
  }

  /**
   * The least feature set (the listed features and those of maxEvcMode) and the greatest ones: all
   * known features but one of the next baseline up, which the host would otherwise support.
   */
  private List<Host> featureSets(Host h) {
    Set<String> least = new TreeSet<>(h.cpu().features());
    EvcBaseline max = h.maxEvcMode() == null ? null : baselines.get(h.maxEvcMode());
    if (max != null) least.addAll(max.features());
    Set<String> all = union(least, features);
    EvcBaseline next = max == null ? null : next(max);
    List<Host> out = new ArrayList<>();
    out.add(with(h).cpu(cpu(h.cpu()).features(least).cpu()).build());
    Set<String> missing = next == null ? new TreeSet<>() : new TreeSet<>(next.features());
    missing.removeAll(least);
    if (missing.isEmpty()) {
      out.add(with(h).cpu(cpu(h.cpu()).features(all).cpu()).build());
    } else {
      for (String f : missing) {
        Set<String> most = new TreeSet<>(all);
        most.remove(f);
        out.add(with(h).cpu(cpu(h.cpu()).features(most).cpu()).build());
      }
    }
    return out;
  }

  /** The baseline after {@code b} of the same vendor in the data's order, or null. */
  private EvcBaseline next(EvcBaseline b) {
    boolean after = false;
    for (EvcBaseline x : baselines.values()) {
      if (after && x.vendor().equals(b.vendor())) return x;
      if (x.key().equals(b.key())) after = true;
    }
    return null;
  }

  // ---- the VM side ----

  /**
   * The completions of a VM and its source over the VM's unknown {@code vmFields} and the source's
   * {@code sourceFields} (which include the host facts a VM's requirement is read from).
   */
  List<VmSide> vm(VmFact vm, HostFact source, Set<String> vmFields, Set<String> sourceFields) {
    if (vmFields.isEmpty() && sourceFields.isEmpty()) return List.of(new VmSide(vm, source));
    List<HostFact> sources = host(source, sourceFields);
    if (sources == null) return null;
    List<Vm> vms = List.of(vm.vm());
    if (vmFields.contains("hardwareVersion")) vms = expand(vms, v -> hardwareVersions.stream().map(x -> with(v).hardwareVersion(x).build()).toList());
    if (vmFields.contains("guestOs")) vms = expand(vms, v -> guests.stream().map(x -> with(v).guestOs(x).build()).toList());
    if (vmFields.contains("vcpus")) {
      int most = source.host().isUnknown("cpu.threads") ? 768 : Math.min(768, source.getThreads());
      vms = expand(vms, v -> List.of(with(v).vcpus(1).build(), with(v).vcpus(Math.max(1, most)).build()));
    }
    if (vmFields.contains("reservation")) {
      long[] most = mostReservation(vm, hostsByName.getOrDefault(source.getName(), source));
      vms = expand(vms, v -> List.of(with(v).reservation(Reservation.NONE).build(), with(v).reservation(new Reservation(most[0], most[1])).build()));
    }
    if (vmFields.contains("memoryMb")) {
      vms = expand(vms, v -> List.of(with(v).memoryMb(v.reservation().memoryMb()).build(), with(v).memoryMb(24L * 1024 * 1024).build()));
    }
    if (vmFields.contains("datastores")) {
      Set<String> most = source.host().isUnknown("datastores") ? datastores : source.getDatastores();
      vms = expand(vms, v -> List.of(with(v).datastores(List.of()).build(), with(v).datastores(List.copyOf(most)).build()));
    }
    if (vmFields.contains("nics")) {
      Set<String> most = source.host().isUnknown("portGroups") ? portGroups : source.getPortGroups();
      List<VmNic> nics = most.stream().map(pg -> new VmNic(pg, null)).toList();
      vms = expand(vms, v -> List.of(with(v).nics(List.of()).build(), with(v).nics(nics).build()));
    }
    // Only a plan moves a VM whose power state is unknown: the parity rules judge running VMs, so either state may be.
    if (vmFields.contains("powerState")) {
      vms = expand(vms, v -> List.of(with(v).powerState(io.vmotion.inventory.PowerState.POWERED_ON).build(),
          with(v).powerState(io.vmotion.inventory.PowerState.POWERED_OFF).build()));
    }
    List<String> deviceParts = vmFields.stream().filter(f -> f.startsWith("devices.")).toList();
    if (!deviceParts.isEmpty()) {
      // The device rules fire on any device of a kind: the listed devices and all kinds of the unknown types decide them.
      List<VmDevice> most = new ArrayList<>(vm.getDevices());
      for (String part : deviceParts) most.addAll(greatestDevices(part.substring("devices.".length())));
      vms = expand(vms, v -> List.of(v, with(v).devices(most).build()));
    }
    if (vmFields.contains("scsiControllers")) {
      List<ScsiController> most = new ArrayList<>(vm.vm().scsiControllers());
      most.add(new ScsiController("completion", "physical"));
      vms = expand(vms, v -> List.of(v, with(v).scsiControllers(most).build()));
    }
    if (vmFields.contains("cpuAffinity")) vms = expand(vms, v -> List.of(v, with(v).cpuAffinity(plusZero(v.cpuAffinity())).build()));
    if (vmFields.contains("memoryAffinity")) vms = expand(vms, v -> List.of(v, with(v).memoryAffinity(plusZero(v.memoryAffinity())).build()));
    if (vmFields.contains("ft")) {
      String role = vm.vm().ft() == null ? "primary" : vm.vm().ft().role();
      List<String> partners = hostsOfCluster.getOrDefault(source.getCluster() == null ? "" : source.getCluster(), List.of());
      vms = expand(vms, v -> {
        List<Vm> each = new ArrayList<>();
        // Without a Fault Tolerance object, the VM may be in no pair at all.
        if (v.ft() == null) each.add(v);
        for (String p : partners) if (!p.equals(source.getName())) each.add(with(v).ft(new FaultTolerance(role, p)).build());
        return each;
      });
    }
    List<VmContext> contexts = List.of(vm.context());
    if (vmFields.contains("clusterRules")) {
      String cluster = String.valueOf(source.getCluster());
      List<VmHostRule> hostRules = new ArrayList<>(vm.getVmHostRules());
      hostRules.add(new VmHostRule(cluster, "completion", FRESH, true, true));
      List<VmVmRule> vmRules = new ArrayList<>(vm.getVmVmRules());
      // With a VM elsewhere: a "keep together" rule breaks every move (a "keep apart" one only some).
      boolean peer = rulesUnknown.size() > (rulesUnknown.contains(vm.getName()) ? 1 : 0);
      if (peer) vmRules.add(new VmVmRule(cluster, "completion", true, List.of(new VmVmRule.Peer(FRESH, FRESH))));
      contexts = List.of(vm.context(), vm.context().withRules(hostRules, vmRules));
    }
    if (vmFields.contains(NotChecked.VGPU_HOT_MIGRATE)) {
      contexts = expand(contexts, c -> List.of(c.withVgpuHotMigrate(false, false), c.withVgpuHotMigrate(true, false)));
    }
    if ((long) vms.size() * sources.size() * contexts.size() > LIMIT) return null;
    List<VmSide> out = new ArrayList<>();
    for (HostFact s : sources) {
      for (Vm v : vms) {
        Vm known = with(v).unknown(Set.of()).build();
        VmFact fact = MovePlanner.vmFact(known, s, baselines);
        for (VmContext c : contexts) out.add(new VmSide(fact.withContext(c.withVgpuHotMigrate(c.vgpuHotMigrate(), false)), s));
      }
    }
    return out;
  }

  /** Every kind of device of {@code type} that a rule could object to: all backings connected, an image on no host's datastore, a vGPU no host offers. */
  private static List<VmDevice> greatestDevices(String type) {
    List<VmDevice> out = new ArrayList<>();
    List<String> backings = VmDevice.BACKINGS_OF.getOrDefault(type, List.of());
    if (backings.isEmpty()) {
      out.add(type.equals("vgpu") ? new VmDevice(type, "completion", FRESH, null, true, null, MAX_VGPU_MB) : new VmDevice(type, "completion", null));
    }
    for (String b : backings) out.add(new VmDevice(type, "completion " + b, null, b, true, b.equals("datastore") ? FRESH : null, null));
    return out;
  }

  private static List<Integer> plusZero(List<Integer> set) {
    if (set.contains(0)) return set;
    List<Integer> out = new ArrayList<>(set);
    out.add(0);
    return out;
  }

  private static <T> List<T> expand(List<T> items, Function<T, List<T>> each) {
    List<T> out = new ArrayList<>();
    for (T t : items) out.addAll(each.apply(t));
    return out;
  }

  private static Set<String> union(Collection<String> a, Collection<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.addAll(b);
    return out;
  }

  // ---- copies with one field changed ----

  private static HostCopy with(Host h) {
    return new HostCopy(h);
  }

  private static VmCopy with(Vm v) {
    return new VmCopy(v);
  }

  private static CpuCopy cpu(Cpu c) {
    return new CpuCopy(c);
  }

  private static final class HostCopy {
    private final Host h;
    private EsxiVersion version;
    private String license;
    private Cpu cpu;
    private Optional<String> evcMode;
    private Long memoryMb;
    private List<VmotionNic> nics;
    private Collection<String> datastores;
    private Collection<String> portGroups;
    private Collection<String> gpuProfiles;
    private Set<String> unknown;

    HostCopy(Host h) { this.h = h; }
    HostCopy gpuProfiles(Collection<String> g) { gpuProfiles = g; return this; }
    HostCopy version(EsxiVersion v) { version = v; return this; }
    HostCopy license(String l) { license = l; return this; }
    HostCopy cpu(Cpu c) { cpu = c; return this; }
    HostCopy evcMode(String e) { evcMode = Optional.ofNullable(e); return this; }
    HostCopy memoryMb(long m) { memoryMb = m; return this; }
    HostCopy vmotionNics(List<VmotionNic> n) { nics = n; return this; }
    HostCopy datastores(Collection<String> d) { datastores = d; return this; }
    HostCopy portGroups(Collection<String> p) { portGroups = p; return this; }
    HostCopy unknown(Set<String> u) { unknown = u; return this; }

    Host build() {
      return new Host(h.name(), h.cluster(), version != null ? version : h.version(), license != null ? license : h.license(), h.state(),
          h.maintenanceMode(), cpu != null ? cpu : h.cpu(), evcMode != null ? evcMode.orElse(null) : h.evcMode(), h.maxEvcMode(),
          memoryMb != null ? memoryMb : h.memoryMb(), nics != null ? nics : h.vmotionNics(),
          datastores != null ? List.copyOf(datastores) : h.datastores(), portGroups != null ? List.copyOf(portGroups) : h.portGroups(),
          unknown != null ? unknown : h.unknown(), gpuProfiles != null ? List.copyOf(gpuProfiles) : h.gpuProfiles());
    }
  }

  private static final class CpuCopy {
    private String vendor;
    private int family;
    private int model;
    private int cores;
    private int threads;
    private int mhz;
    private Set<String> features;
    private final Set<String> biosDisabled;

    CpuCopy(Cpu c) {
      vendor = c.vendor();
      family = c.family();
      model = c.model();
      cores = c.cores();
      threads = c.threads();
      mhz = c.mhz();
      features = c.features();
      biosDisabled = c.biosDisabled();
    }

    CpuCopy vendor(String v) { vendor = v; return this; }
    CpuCopy family(int f) { family = f; return this; }
    CpuCopy model(int m) { model = m; return this; }
    CpuCopy cores(int c) { cores = c; return this; }
    CpuCopy threads(int t) { threads = t; return this; }
    CpuCopy mhz(int m) { mhz = m; return this; }
    CpuCopy features(Set<String> f) { features = f; return this; }

    Cpu cpu() {
      return new Cpu(vendor, family, model, cores, threads, mhz, features, biosDisabled);
    }
  }

  private static final class VmCopy {
    private final Vm v;
    private Integer hardwareVersion;
    private String guestOs;
    private Integer vcpus;
    private Long memoryMb;
    private Reservation reservation;
    private List<String> datastores;
    private List<VmNic> nics;
    private Set<String> unknown;
    private List<VmDevice> devices;
    private List<ScsiController> scsiControllers;
    private List<Integer> cpuAffinity;
    private List<Integer> memoryAffinity;
    private Optional<FaultTolerance> ft;

    private io.vmotion.inventory.PowerState powerState;

    VmCopy(Vm v) { this.v = v; }
    VmCopy powerState(io.vmotion.inventory.PowerState x) { powerState = x; return this; }
    VmCopy devices(List<VmDevice> x) { devices = x; return this; }
    VmCopy scsiControllers(List<ScsiController> x) { scsiControllers = x; return this; }
    VmCopy cpuAffinity(List<Integer> x) { cpuAffinity = x; return this; }
    VmCopy memoryAffinity(List<Integer> x) { memoryAffinity = x; return this; }
    VmCopy ft(FaultTolerance x) { ft = Optional.ofNullable(x); return this; }
    VmCopy hardwareVersion(int x) { hardwareVersion = x; return this; }
    VmCopy guestOs(String x) { guestOs = x; return this; }
    VmCopy vcpus(int x) { vcpus = x; return this; }
    VmCopy memoryMb(long x) { memoryMb = x; return this; }
    VmCopy reservation(Reservation x) { reservation = x; return this; }
    VmCopy datastores(List<String> x) { datastores = x; return this; }
    VmCopy nics(List<VmNic> x) { nics = x; return this; }
    VmCopy unknown(Set<String> x) { unknown = x; return this; }

    Vm build() {
      return new Vm(v.name(), v.host(), powerState != null ? powerState : v.powerState(), hardwareVersion != null ? hardwareVersion : v.hardwareVersion(),
          guestOs != null ? guestOs : v.guestOs(), vcpus != null ? vcpus : v.vcpus(), memoryMb != null ? memoryMb : v.memoryMb(),
          reservation != null ? reservation : v.reservation(), datastores != null ? datastores : v.datastores(),
          nics != null ? nics : v.nics(), v.cpuFeatures(), v.cpuVendor(), v.minRequiredEvcMode(), devices != null ? devices : v.devices(),
          unknown != null ? unknown : v.unknown(), scsiControllers != null ? scsiControllers : v.scsiControllers(),
          cpuAffinity != null ? cpuAffinity : v.cpuAffinity(), memoryAffinity != null ? memoryAffinity : v.memoryAffinity(),
          ft != null ? ft.orElse(null) : v.ft(), v.activeMemoryMb(), v.dirtyRateMbps(), v.hotSetMb());
    }
  }
}
