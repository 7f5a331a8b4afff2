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
import io.vmotion.inventory.HostState;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.PowerState;
import io.vmotion.inventory.Reservation;
import io.vmotion.inventory.Vm;
import io.vmotion.inventory.VmNic;
import io.vmotion.inventory.VmotionNic;
import io.vmotion.rules.facts.EvcBaseline;
import io.vmotion.rules.facts.GuestOs;
import io.vmotion.rules.facts.HardwareVersion;
import io.vmotion.rules.facts.HostFact;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Small consistent inventories for property tests, from a seed: 2 to 4 hosts in one cluster, 2 to 4
 * powered-on VMs (sometimes a powered-off one too), CPUs of a few real EVC baselines (sometimes an
 * extra feature, a missing one, a BIOS-disabled one, a host of the other vendor), EVC modes, editions
 * with and without vMotion, releases of the rule data, slow or missing vMotion adapters, a few
 * datastores and port groups, reservations and vCPU counts near the hosts' limits. Every fact is
 * known; {@link #blank} then marks a few unknown.
 */
final class SmallInventories {

  /** A CPU generation: its EVC baseline and CPUID family and model. */
  record Generation(String baseline, String vendor, int family, int model) {}

  static final List<Generation> GENERATIONS = List.of(
      new Generation("intel-broadwell", "intel", 6, 79), new Generation("intel-skylake", "intel", 6, 85),
      new Generation("intel-cascadelake", "intel", 6, 85), new Generation("intel-icelake", "intel", 6, 106),
      new Generation("amd-zen2", "amd", 23, 49), new Generation("amd-zen3", "amd", 25, 1));

  static final List<String> DATASTORES = List.of("ds1", "ds2", "ds3");
  static final List<String> PORT_GROUPS = List.of("pg-a", "pg-b", "pg-c");

  /** An incomplete inventory and what was made unknown. */
  record Blanked(Inventory inventory, List<String> facts) {}

  private final CompletionDomain completions;
  private final Map<String, EvcBaseline> baselines;
  private final List<EsxiVersion> versions;
  private final List<HardwareVersion> hardware;
  private final List<GuestOs> guests;

  SmallInventories(RuleData data) {
    this.completions = new CompletionDomain(data);
    this.baselines = data.baselines();
    this.versions = completions.releases().stream().filter(v -> v.atLeast(new EsxiVersion(6, 5, 0))).toList();
    this.hardware = completions.hardwareVersions();
    List<GuestOs> g = new ArrayList<>();
    for (Object f : data.facts()) if (f instanceof GuestOs x) g.add(x);
    this.guests = g;
  }

  Inventory generate(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int hostCount = 2 + r.nextInt(3);
    Generation main = GENERATIONS.get(r.nextInt(GENERATIONS.size()));
    List<Host> hosts = new ArrayList<>();
    for (int i = 0; i < hostCount; i++) hosts.add(host("h" + (i + 1), main, r));
    List<Vm> vms = new ArrayList<>();
    int vmCount = 2 + r.nextInt(3);
    long[] cpuLeft = new long[hostCount];
    long[] memLeft = new long[hostCount];
    for (int i = 0; i < hostCount; i++) {
      cpuLeft[i] = (long) hosts.get(i).cpu().cores() * hosts.get(i).cpu().mhz();
      memLeft[i] = hosts.get(i).memoryMb();
    }
    for (int i = 0; i < vmCount + (r.nextInt(4) == 0 ? 1 : 0); i++) {
      int h = r.nextInt(hostCount);
      boolean on = i < vmCount;
      Vm vm = vm("vm" + (i + 1), hosts.get(h), on, cpuLeft[h], memLeft[h], r);
      if (on) {
        cpuLeft[h] -= vm.reservation().cpuMhz();
        memLeft[h] -= vm.reservation().memoryMb();
      }
      vms.add(vm);
    }
    return parity(new Inventory(hosts, vms, List.of()), new SplittableRandom(seed * 31 + 7));
  }

  static final List<String> PROFILES = List.of("grid_a100-8c", "grid_a100-40c");

  /**
   * The facts of vCenter parity, from a random stream of their own (so that the other facts of a
   * seed stay as they were): vGPU profiles and vMotion link states of hosts, devices, bus sharing,
   * affinity and Fault Tolerance of VMs, DRS groups and rules, vCenter's vGPU setting.
   */
  private Inventory parity(Inventory inv, SplittableRandom r) {
    List<Host> hosts = new ArrayList<>();
    for (Host h : inv.hosts()) {
      List<VmotionNic> nics = new ArrayList<>();
      for (VmotionNic n : h.vmotionNics()) {
        int link = r.nextInt(8);
        nics.add(new VmotionNic(n.name(), n.speedMbps(), r.nextInt(4) == 0 ? 1500 : 9000, link == 0 ? "half" : "full", link != 1,
            r.nextInt(3) == 0 ? null : r.nextInt(4) == 0 ? "vmotion-b" : "vMotion"));
      }
      hosts.add(new CompletionDomain.H(h).vmotionNics(nics).gpuProfiles(someOf(PROFILES, r)).build());
    }
    List<Vm> vms = new ArrayList<>();
    for (Vm v : inv.vms()) {
      Host h = hosts.stream().filter(x -> x.name().equals(v.host())).findFirst().orElseThrow();
      CompletionDomain.V out = new CompletionDomain.V(v);
      List<VmDevice> devices = new ArrayList<>();
      int roll = r.nextInt(10);
      if (roll == 0) devices.add(new VmDevice("cdrom", "CD/DVD drive 1", null, pick(List.of("host", "client", "none"), r), r.nextBoolean(), null, null));
      if (roll == 1 || roll == 2) {
        List<String> stores = new ArrayList<>(h.datastores());
        stores.add("iso-lib");
        devices.add(new VmDevice(pick(List.of("cdrom", "floppy"), r), "drive 1", null, "datastore", r.nextInt(4) != 0, pick(stores, r), null));
      }
      if (roll == 3) devices.add(new VmDevice("serial", "Serial port 1", null, pick(List.of("file", "uri", "pipe"), r), r.nextBoolean(), null, null));
      if (roll == 4) devices.add(new VmDevice("vgpu", "PCI device 0", pick(PROFILES, r), null, true, null, pick(List.of(8192L, 40960L), r)));
      if (roll == 5) devices.add(new VmDevice(pick(List.of("sriov", "usb"), r), "device 1", null, null, true, null, null));
      out.devices(devices);
      if (r.nextInt(10) == 0) out.scsiControllers(List.of(new ScsiController("SCSI controller 1", pick(ScsiController.BUS_SHARING, r))));
      if (r.nextInt(12) == 0) out.cpuAffinity(List.of(0, 1));
      if (r.nextInt(12) == 0) out.memoryAffinity(List.of(0));
      List<Host> others = hosts.stream().filter(x -> !x.name().equals(v.host())).toList();
      if (r.nextInt(10) == 0 && !others.isEmpty()) out.ft(new FaultTolerance(pick(FaultTolerance.ROLES, r), pick(others, r).name()));
      vms.add(out.build());
    }
    List<Cluster> clusters = new ArrayList<>();
    if (r.nextInt(3) == 0) {
      List<String> on = vms.stream().filter(Vm::poweredOn).map(Vm::name).toList();
      List<ClusterRule> rules = new ArrayList<>();
      rules.add(new ClusterRule("pin", "vm-host", "pinned", "gpu-hosts", List.of(), r.nextBoolean(), r.nextBoolean(), r.nextInt(6) != 0));
      if (on.size() >= 2) rules.add(new ClusterRule("pair", "vm-vm", null, null, List.of(on.get(0), on.get(1)), r.nextBoolean(), false, true));
      clusters.add(new Cluster("c1", Map.of("pinned", someOf(on, r)), Map.of("gpu-hosts", someOf(hosts.stream().map(Host::name).toList(), r)), rules));
    }
    return new Inventory(hosts, vms, List.of(), List.of(), clusters, new Vcenter(r.nextBoolean(), Set.of()));
  }

  private Host host(String name, Generation main, SplittableRandom r) {
    Generation gen = r.nextInt(8) == 0 ? otherVendor(main, r) : r.nextInt(3) == 0 ? sameVendor(main, r) : main;
    EsxiVersion version = versions.get(r.nextInt(versions.size()));
    String license = r.nextInt(7) == 0 ? pick(List.of("free", "essentials"), r)
        : pick(List.of("essentials-plus", "standard", "enterprise-plus", "vsphere-foundation", "vcf"), r);
    HostState state = r.nextInt(15) == 0 ? HostState.DISCONNECTED : HostState.CONNECTED;
    boolean maintenance = r.nextInt(15) == 0;
    EvcBaseline base = baselines.get(gen.baseline());
    Set<String> features = new TreeSet<>(base.features());
    features.add(gen.vendor().equals("intel") ? "vmx" : "svm");
    EvcBaseline next = next(base);
    boolean complete = true;
    int roll = r.nextInt(6);
    if (roll == 0 && next != null) {
      List<String> extra = new ArrayList<>(new TreeSet<>(next.features()));
      extra.removeAll(features);
      if (extra.size() > 1) features.add(pick(extra, r));
    } else if (roll == 1) {
      List<String> some = new ArrayList<>(new TreeSet<>(base.features()));
      features.remove(pick(some, r));
      complete = false;
    }
    Set<String> bios = r.nextInt(6) == 0 ? Set.of(pick(List.of("aes", "avx2", "avx", "sse4_2"), r)) : Set.of();
    String maxEvc = complete && r.nextBoolean() ? base.key() : null;
    String evc = null;
    if (r.nextInt(5) < 2) {
      List<String> same = new ArrayList<>();
      for (EvcBaseline b : baselines.values()) {
        if (b.vendor().equals(gen.vendor())) same.add(b.key());
        if (b.key().equals(base.key())) break;
      }
      evc = same.get(Math.max(0, same.size() - 1 - r.nextInt(3)));
    }
    int cores = pick(List.of(4, 8, 16, 24), r);
    int mhz = pick(List.of(2000, 2600, 3000), r);
    long memory = pick(List.of(32768L, 65536L, 262144L), r);
    int nic = r.nextInt(10);
    List<VmotionNic> nics = nic == 0 ? List.of()
        : List.of(new VmotionNic("vmk1", nic == 1 ? 100 : nic == 2 ? 1000 : r.nextBoolean() ? 10000 : 25000, 9000));
    return new Host(name, "c1", version, license, state, maintenance, new Cpu(gen.vendor(), gen.family(), gen.model(), cores, cores * 2, mhz,
        features, bios), evc, maxEvc, memory, nics, someOf(DATASTORES, r), someOf(PORT_GROUPS, r), Set.of());
  }

  private Vm vm(String name, Host host, boolean on, long cpuLeft, long memLeft, SplittableRandom r) {
    int hostKey = HostFact.versionKey(host.version());
    List<HardwareVersion> hw = hardware.stream()
        .filter(x -> x.minEsxiKey() <= hostKey && (x.maxEsxiKey() == 0 || x.maxEsxiKey() >= hostKey) && x.version() >= 10).toList();
    int hardwareVersion = pick(hw, r).version();
    List<GuestOs> gs = guests.stream().filter(g -> g.minEsxiKey() <= hostKey && g.minEsxiKey() >= 60000).toList();
    String guest = gs.isEmpty() ? "rhel8_64Guest" : pick(gs, r).guestId();
    int threads = host.cpu().threads();
    int vcpus = r.nextInt(4) == 0 ? threads : pick(List.of(1, 2, 4, 8), r);
    long memory = 8192;
    Reservation reservation = Reservation.NONE;
    if (r.nextInt(3) == 0) {
      long cpu = Math.min(cpuLeft, pick(List.of(1000L, 4000L, cpuLeft / 2, cpuLeft), r));
      long mem = Math.min(Math.min(memLeft, memory), pick(List.of(0L, 2048L, memory), r));
      reservation = new Reservation(Math.max(0, cpu), Math.max(0, mem));
    }
    List<String> ds = someOf(host.datastores(), r);
    List<VmNic> nics = new ArrayList<>();
    List<String> pgs = someOf(host.portGroups(), r);
    for (int i = 0; i < pgs.size(); i++) nics.add(new VmNic(pgs.get(i), String.format("00:50:56:00:%02x:%02x", name.hashCode() & 0xff, i)));
    Optional<Set<String>> own = Optional.empty();
    String minEvc = null;
    int roll = r.nextInt(10);
    List<EvcBaseline> sameVendor = baselines.values().stream().filter(b -> b.vendor().equals(host.cpu().vendor())).toList();
    if (roll == 0) {
      own = Optional.of(new TreeSet<>(sameVendor.get(sameVendor.size() - 1 - r.nextInt(Math.min(4, sameVendor.size()))).features()));
    } else if (roll == 1) {
      minEvc = sameVendor.get(sameVendor.size() - 1 - r.nextInt(Math.min(6, sameVendor.size()))).key();
    }
    return new Vm(name, host.name(), on ? PowerState.POWERED_ON : PowerState.POWERED_OFF, hardwareVersion, guest, vcpus, memory,
        reservation, ds, nics, own, null, minEvc, List.of(), Set.of());
  }

  /**
   * Marks {@code count} facts of this inventory unknown, keeping their values (set-valued ones,
   * whose listed elements are known to be present, sometimes lose some). Picks again, a few times,
   * when the completions would number more than {@code limit}.
   */
  Blanked blank(Inventory inv, int count, int limit, SplittableRandom r) {
    Blanked best = null;
    int bestCount = Integer.MAX_VALUE;
    for (int attempt = 0; attempt < 8; attempt++) {
      Blanked b = blankOnce(inv, count, r);
      int n = completions.count(b.inventory(), limit);
      if (n <= limit) return b;
      if (n < bestCount) {
        best = b;
        bestCount = n;
      }
    }
    return best;
  }

  private Blanked blankOnce(Inventory inv, int count, SplittableRandom r) {
    List<String> candidates = new ArrayList<>();
    for (Host h : inv.hosts()) {
      for (String f : Host.MAY_BE_UNKNOWN) {
        if (f.equals("cpu") && r.nextInt(3) != 0) continue;
        candidates.add(h.name() + "." + f);
      }
    }
    for (Vm v : inv.vms()) {
      if (!v.poweredOn()) continue;
      for (String f : CompletionDomain.VM_FIELDS) candidates.add(v.name() + "." + f);
    }
    // vCenter's vGPU setting is one fact of the whole inventory.
    candidates.add("vcenter.vgpuHotMigrate");
    List<String> chosen = new ArrayList<>();
    while (chosen.size() < count) {
      String c = pick(candidates, r);
      if (!chosen.contains(c)) chosen.add(c);
    }
    List<Host> hosts = new ArrayList<>(inv.hosts());
    List<Vm> vms = new ArrayList<>(inv.vms());
    Vcenter vcenter = chosen.contains("vcenter.vgpuHotMigrate") ? new Vcenter(inv.vcenter().vgpuHotMigrate(), Set.of("vgpuHotMigrate")) : inv.vcenter();
    for (String c : chosen) {
      int dot = c.indexOf('.');
      String who = c.substring(0, dot);
      String field = c.substring(dot + 1);
      for (int i = 0; i < hosts.size(); i++) {
        if (!hosts.get(i).name().equals(who)) continue;
        CompletionDomain.H h = new CompletionDomain.H(hosts.get(i));
        Host was = hosts.get(i);
        Set<String> unknown = new LinkedHashSet<>(was.unknown());
        unknown.add(field);
        h.unknown(unknown);
        if (field.equals("cpu.vendor") || field.equals("cpu")) h.maxEvcMode(null);
        if ((field.equals("cpu.features") || field.equals("cpu")) && r.nextBoolean()) {
          Cpu cpu = was.cpu();
          h.cpu(new Cpu(cpu.vendor(), cpu.family(), cpu.model(), cpu.cores(), cpu.threads(), cpu.mhz(),
              r.nextInt(3) == 0 ? Set.of() : new TreeSet<>(someOf(new ArrayList<>(new TreeSet<>(cpu.features())), r)), cpu.biosDisabled()));
        }
        if (field.equals("datastores") && r.nextBoolean()) h.datastores(someOf(was.datastores(), r));
        if (field.equals("portGroups") && r.nextBoolean()) h.portGroups(someOf(was.portGroups(), r));
        hosts.set(i, h.build());
      }
      for (int i = 0; i < vms.size(); i++) {
        if (!vms.get(i).name().equals(who)) continue;
        Set<String> unknown = new LinkedHashSet<>(vms.get(i).unknown());
        unknown.add(field);
        vms.set(i, new CompletionDomain.V(vms.get(i)).unknown(unknown).build());
      }
    }
    return new Blanked(new Inventory(hosts, vms, List.of(), List.of(), inv.clusters(), vcenter), chosen);
  }

  private EvcBaseline next(EvcBaseline b) {
    boolean after = false;
    for (EvcBaseline x : baselines.values()) {
      if (after && x.vendor().equals(b.vendor())) return x;
      if (x.key().equals(b.key())) after = true;
    }
    return null;
  }

  private static Generation otherVendor(Generation g, SplittableRandom r) {
    return pick(GENERATIONS.stream().filter(x -> !x.vendor().equals(g.vendor())).toList(), r);
  }

  private static Generation sameVendor(Generation g, SplittableRandom r) {
    return pick(GENERATIONS.stream().filter(x -> x.vendor().equals(g.vendor())).toList(), r);
  }

  /** A random subset of {@code from}, in its order; non-empty when {@code from} is. */
  static List<String> someOf(List<String> from, SplittableRandom r) {
    List<String> out = new ArrayList<>();
    for (String s : from) if (r.nextInt(3) != 0) out.add(s);
    if (out.isEmpty() && !from.isEmpty()) out.add(from.get(r.nextInt(from.size())));
    return out;
  }

  static <T> T pick(List<T> from, SplittableRandom r) {
    return from.get(r.nextInt(from.size()));
  }
}
