package io.vmotion.inventory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads inventory format v1 (docs/inventory-format.md) strictly: every problem in the file is
 * collected and reported with its JSON path and its line and column, and nothing unknown is ignored.
 */
public final class InventoryReader {

  /** Larger than any vCenter's inventory (40,000 VMs is about 40 MB); bigger files are refused. */
  public static final long MAX_BYTES = 512L * 1024 * 1024;

  static final int MAX_NESTING = 64;

  public static final List<String> LICENSES =
      List.of(
          "free", "essentials", "essentials-plus", "standard", "enterprise", "enterprise-plus",
          "vsphere-foundation", "vcf", "evaluation");
  static final List<String> VENDORS = List.of("intel", "amd");
  private static final Pattern MAC = Pattern.compile("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}");

  private final Set<String> evcModes;
  private final ObjectMapper mapper;
  private final long maxBytes;

  /** @param evcModes the EVC baseline keys the loaded rule data knows; {@code evcMode} must be one. */
  public InventoryReader(Set<String> evcModes) {
    this(evcModes, MAX_BYTES);
  }

  InventoryReader(Set<String> evcModes, long maxBytes) {
    this.maxBytes = maxBytes;
    this.evcModes = Set.copyOf(evcModes);
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    // One document per file: "cat a.json b.json" must not validate a.json alone.
    this.mapper = new ObjectMapper(factory).enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  public Inventory read(Path file) throws InvalidInputException {
    return read(file, file.toString());
  }

  /** Reads {@code file}, naming it {@code name} in messages (a copy of stdin is named "stdin"). */
  public Inventory read(Path file, String name) throws InvalidInputException {
    try {
      if (Files.isRegularFile(file) && Files.size(file) > maxBytes) {
        throw InvalidInputException.of(
            name, "file is " + Files.size(file) + " bytes; inventories larger than "
                + maxBytes + " bytes are refused. Split the inventory by cluster.");
      }
    } catch (IOException e) {
      throw InvalidInputException.of(name, "cannot read: " + e.getMessage());
    }
    try {
      return read(name, InputText.read(file, maxBytes, "an inventory JSON file"));
    } catch (InvalidInputException e) {
      throw e.renamed(file.toString(), name);
    }
  }

  public Inventory read(String file, String text) throws InvalidInputException {
    if (text.startsWith("\uFEFF")) text = text.substring(1);
    if (text.isBlank()) {
      throw InvalidInputException.of(file, "the file is empty; expected a JSON object with \"hosts\" and \"vms\"");
    }
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String msg = e.getOriginalMessage().contains("nesting depth")
          ? "nesting deeper than " + MAX_NESTING + " levels; an inventory never needs that"
          : InputText.jsonMessage(e);
      int line = loc == null ? 0 : Math.max(0, loc.getLineNr());
      int col = loc == null ? 0 : Math.max(0, loc.getColumnNr());
      throw new InvalidInputException(List.of(new InputProblem(file, "", line, col, msg)), text.lines().toList());
    }
    if (root == null || root.isMissingNode()) {
      throw InvalidInputException.of(file, "the file is empty; expected a JSON object with \"hosts\" and \"vms\"");
    }
    List<InputProblem> problems = new ArrayList<>();
    if (!root.isObject()) {
      problems.add(new InputProblem(file, "", 1, 1, "expected a JSON object with \"hosts\" and \"vms\", found " + JsonFields.describe(root)));
      throw new InvalidInputException(problems, text.lines().toList());
    }
    JsonFields top = new JsonFields(file, root, "", problems);
    top.string("$schema", false);
    top.number("formatVersion", false, 1, 1, 1);
    List<Host> hosts = top.objects("hosts", true, this::host);
    List<Vm> vms = top.objects("vms", true, this::vm);
    List<Migration> migrations = top.objects("migrations", false, InventoryReader::migration);
    List<UnknownCause> causes = top.objects("unknownCauses", false, InventoryReader::unknownCause);
    List<Cluster> clusters = top.objects("clusters", false, ParityFields::cluster);
    Vcenter vcenter = ParityFields.vcenter(top.object("vcenter", false));
    top.rejectUnknown();
    Inventory inventory = new Inventory(hosts, vms, migrations, causes, clusters, vcenter);
    if (problems.isEmpty()) checkReferences(file, inventory, problems);
    if (problems.isEmpty()) ParityFields.checkReferences(file, inventory, problems);
    if (!problems.isEmpty()) {
      // Split into lines only now: a valid inventory of 40,000 VMs never pays for it.
      throw new InvalidInputException(locate(text, problems), text.lines().toList());
    }
    return inventory;
  }

  /** Reads a plan file: {@code {"migrations": [...]}}, checked against the inventory it applies to. */
  public List<Migration> readPlan(Path file, Inventory inventory) throws InvalidInputException {
    String name = file.toString();
    String text = InputText.read(file, InputText.MAX_SMALL_FILE_BYTES, "a plan JSON file");
    List<String> lines = text.lines().toList();
    if (text.isBlank()) throw InvalidInputException.of(name, "the file is empty; expected {\"migrations\": [{\"vm\": ..., \"target\": ...}]}");
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      throw new InvalidInputException(
          List.of(new InputProblem(name, "", loc.getLineNr(), loc.getColumnNr(), InputText.jsonMessage(e))), lines);
    }
    List<InputProblem> problems = new ArrayList<>();
    if (!root.isObject()) {
      problems.add(new InputProblem(name, "", 1, 1, "expected {\"migrations\": [...]}, found " + JsonFields.describe(root)));
      throw new InvalidInputException(problems, lines);
    }
    JsonFields top = new JsonFields(name, root, "", problems);
    List<Migration> plan = top.objects("migrations", true, InventoryReader::planStep);
    // What 'vmotion plan' writes besides the moves: for the reader of the file, not for validation.
    top.has("unplaced");
    top.has("summary");
    top.rejectUnknown();
    if (problems.isEmpty()) {
      checkPlan(name, inventory.withMigrations(plan), problems);
    }
    if (!problems.isEmpty()) throw new InvalidInputException(locate(text, problems), lines);
    return plan;
  }

  private Host host(JsonFields f, int index) {
    String name = f.string("name", true);
    String cluster = f.string("cluster", false);
    EsxiVersion version = version(f, "version");
    String license = f.oneOf("license", true, LICENSES, null);
    String state = f.oneOf("state", false, enumValues(HostState.values()), HostState.CONNECTED.json());
    boolean maintenance = f.bool("maintenanceMode", false);
    Cpu cpu = cpu(f.object("cpu", true));
    String evc = evcMode(f, "evcMode");
    String maxEvc = evcMode(f, "maxEvcMode");
    long memory = f.number("memoryMb", true, 0, Long.MAX_VALUE, 0);
    List<VmotionNic> nics = f.objects("vmotionNics", false, InventoryReader::vmotionNic);
    List<String> datastores = f.strings("datastores", false);
    List<String> portGroups = f.strings("portGroups", false);
    List<String> gpuProfiles = f.strings("gpuProfiles", false);
    Set<String> unknown = unknown(f, Host.MAY_BE_UNKNOWN);
    if (name == null || version == null || license == null || cpu == null) return null;
    return new Host(name, cluster, version, license, hostState(state), maintenance, cpu, evc, maxEvc, memory, nics, datastores, portGroups, unknown,
        gpuProfiles);
  }

  /** An optional EVC baseline key, which must be one the rule data knows. */
  private String evcMode(JsonFields f, String field) {
    String evc = f.string(field, false);
    if (evc != null && !evcModes.contains(evc)) {
      String near = JsonFields.closest(evc, evcModes);
      f.problem(field, "unknown EVC mode \"" + evc + "\""
          + (near == null ? "" : " (did you mean \"" + near + "\"?)")
          + "; accepted values: " + JsonFields.sortedJoin(evcModes));
      return null;
    }
    return evc;
  }

  private static UnknownCause unknownCause(JsonFields f, int index) {
    String cause = f.string("cause", true);
    String fix = f.string("fix", false);
    List<String> hostFields = f.strings("hostFields", false);
    List<String> hosts = f.strings("hosts", false);
    List<String> vmFields = f.strings("vmFields", false);
    List<String> vms = f.strings("vms", false);
    for (String h : hostFields) {
      if (!Host.MAY_BE_UNKNOWN.contains(h)) f.problem("hostFields", "\"" + h + "\" is not a host field that may be unknown; accepted values: " + String.join(", ", Host.MAY_BE_UNKNOWN));
    }
    for (String v : vmFields) {
      if (!Vm.MAY_BE_UNKNOWN.contains(v) && !Vcenter.MAY_BE_UNKNOWN.contains(v)) {
        f.problem("vmFields", "\"" + v + "\" is not a VM field that may be unknown; accepted values: " + String.join(", ", Vm.MAY_BE_UNKNOWN)
            + ", or a vCenter setting: " + String.join(", ", Vcenter.MAY_BE_UNKNOWN));
      }
    }
    return cause == null ? null : new UnknownCause(cause, fix, hostFields, hosts, vmFields, vms);
  }

  /** The optional "unknown" list: field names an import filled with a default. */
  private static Set<String> unknown(JsonFields f, List<String> accepted) {
    Set<String> out = new LinkedHashSet<>();
    List<String> names = f.strings("unknown", false);
    for (int i = 0; i < names.size(); i++) {
      if (accepted.contains(names.get(i))) {
        out.add(names.get(i));
      } else {
        f.problem("unknown", "\"" + names.get(i) + "\" cannot be marked unknown; accepted values: " + String.join(", ", accepted));
      }
    }
    return out;
  }

  private static HostState hostState(String json) {
    for (HostState s : HostState.values()) if (s.json().equals(json)) return s;
    return HostState.CONNECTED;
  }

  private static PowerState powerState(String json) {
    for (PowerState s : PowerState.values()) if (s.json().equals(json)) return s;
    return null;
  }

  private static List<String> enumValues(HostState[] values) {
    List<String> out = new ArrayList<>();
    for (HostState v : values) out.add(v.json());
    return out;
  }

  private static EsxiVersion version(JsonFields f, String field) {
    String v = f.string(field, true);
    if (v == null) return null;
    try {
      return EsxiVersion.parse(v);
    } catch (IllegalArgumentException e) {
      f.problem(field, e.getMessage());
      return null;
    }
  }

  private static Cpu cpu(JsonFields f) {
    if (f == null) return null;
    String vendor = f.oneOf("vendor", true, VENDORS, null);
    int family = (int) f.number("family", true, 0, 0xFFFF, 0);
    int model = (int) f.number("model", true, 0, 0xFFFF, 0);
    int cores = (int) f.number("cores", true, 1, 1 << 16, 1);
    int threads = (int) f.number("threads", true, 1, 1 << 17, 1);
    int mhz = (int) f.number("mhz", true, 1, 100_000, 1);
    List<String> features = f.strings("features", true);
    List<String> disabled = f.strings("biosDisabled", false);
    f.rejectUnknown();
    if (threads < cores) f.problem("threads", "must be at least cores (" + cores + "), found " + threads);
    if (vendor == null) return null;
    return new Cpu(vendor, family, model, cores, threads, mhz, new LinkedHashSet<>(features), new LinkedHashSet<>(disabled));
  }

  private static VmotionNic vmotionNic(JsonFields f, int index) {
    String name = f.string("name", true);
    long speed = f.number("speedMbps", true, 0, 10_000_000, 0);
    int mtu = (int) f.number("mtu", false, 576, 9216, 1500);
    return ParityFields.vmotionNic(f, name, speed, mtu);
  }

  private static final List<String> POWER = List.of("poweredOn", "poweredOff", "suspended");

  private Vm vm(JsonFields f, int index) {
    String name = f.string("name", true);
    String host = f.string("host", true);
    String power = f.oneOf("powerState", true, POWER, null);
    int hw = (int) f.number("hardwareVersion", true, 3, 99, 0);
    String guest = f.string("guestOs", true);
    int vcpus = (int) f.number("vcpus", true, 1, 768, 1);
    long memory = f.number("memoryMb", true, 0, 24L * 1024 * 1024, 0);
    Reservation reservation = Reservation.NONE;
    JsonFields r = f.object("reservation", false);
    if (r != null) {
      reservation = new Reservation(r.number("cpuMhz", false, 0, Long.MAX_VALUE, 0), r.number("memoryMb", false, 0, Long.MAX_VALUE, 0));
      r.rejectUnknown();
      if (reservation.memoryMb() > memory && memory > 0) {
        r.problem("memoryMb", "a memory reservation (" + reservation.memoryMb() + ") cannot exceed the VM's memory (" + memory + ")");
      }
    }
    List<String> datastores = f.strings("datastores", false);
    List<VmNic> nics = f.objects("nics", false, InventoryReader::vmNic);
    Optional<Set<String>> cpuFeatures =
        f.has("cpuFeatures") ? Optional.of(new LinkedHashSet<>(f.strings("cpuFeatures", false))) : Optional.empty();
    String cpuVendor = f.oneOf("cpuVendor", false, VENDORS, null);
    String minEvc = evcMode(f, "minRequiredEvcMode");
    List<VmDevice> devices = f.objects("devices", false, InventoryReader::vmDevice);
    List<ScsiController> scsi = f.objects("scsiControllers", false, ParityFields::scsiController);
    List<Integer> cpuAffinity = ParityFields.affinity(f, "cpuAffinity", ParityFields.MAX_CPU);
    List<Integer> memoryAffinity = ParityFields.affinity(f, "memoryAffinity", ParityFields.MAX_NUMA_NODE);
    FaultTolerance ft = ParityFields.ft(f.object("ft", false));
    Set<String> unknown = unknown(f, Vm.MAY_BE_UNKNOWN);
    OptionalLong active = memoryPart(f, "activeMemoryMb", memory, "active memory is the part of it the guest touched recently");
    Double dirty = f.decimal("dirtyRateMbps", 0, MAX_DIRTY_RATE_MIBPS, "MiB/s");
    OptionalLong hotSet = memoryPart(f, "hotSetMb", memory, "the hot set is the part of it rewritten in every pre-copy round");
    if (name == null || host == null || power == null || guest == null) return null;
    return new Vm(name, host, powerState(power), hw, guest, vcpus, memory, reservation, datastores, nics, cpuFeatures, cpuVendor, minEvc,
        devices, unknown, scsi, cpuAffinity, memoryAffinity, ft, active, dirty == null ? OptionalDouble.empty() : OptionalDouble.of(dirty), hotSet);
  }

  /** Far above what any guest can write (memory bandwidth is tens of GiB/s); a larger value is a unit mistake. */
  static final double MAX_DIRTY_RATE_MIBPS = 1024.0 * 1024;

  /** An optional size in MiB that is a part of the VM's memory, so it cannot exceed {@code memoryMb}. */
  private static OptionalLong memoryPart(JsonFields f, String field, long memory, String why) {
    if (!f.has(field)) return OptionalLong.empty();
    long n = f.number(field, false, 0, 24L * 1024 * 1024, -1);
    if (n < 0) return OptionalLong.empty();
    if (memory > 0 && n > memory) {
      f.problem(field, "cannot exceed the VM's memoryMb (" + memory + " MiB), found " + n + ": " + why);
      return OptionalLong.empty();
    }
    return OptionalLong.of(n);
  }

  private static VmDevice vmDevice(JsonFields f, int index) {
    return ParityFields.device(f);
  }

  private static VmNic vmNic(JsonFields f, int index) {
    String pg = f.string("portGroup", true);
    String mac = f.string("mac", false);
    if (mac != null && !MAC.matcher(mac).matches()) {
      f.problem("mac", "\"" + mac + "\" is not a MAC address; write six hex pairs, e.g. \"00:50:56:aa:bb:01\"");
    }
    return pg == null ? null : new VmNic(pg, mac);
  }

  private static Migration migration(JsonFields f, int index) {
    String vm = f.string("vm", true);
    String target = f.string("target", true);
    return vm == null || target == null ? null : new Migration(vm, target);
  }

  /** A step of a plan file: a migration, with the wave and estimate 'vmotion plan' gives it (order is the list's). */
  private static Migration planStep(JsonFields f, int index) {
    f.number("wave", false, 1, Integer.MAX_VALUE, 1);
    f.decimal("estimatedSeconds", false, 0);
    return migration(f, index);
  }

  private static void checkReferences(String file, Inventory inv, List<InputProblem> problems) {
    duplicates(file, "hosts", inv.hosts().stream().map(Host::name).toList(), "host", problems);
    duplicates(file, "vms", inv.vms().stream().map(Vm::name).toList(), "VM", problems);
    Set<String> hosts = new HashSet<>();
    inv.hosts().forEach(h -> hosts.add(h.name()));
    for (int i = 0; i < inv.vms().size(); i++) {
      String host = inv.vms().get(i).host();
      if (!hosts.contains(host)) {
        String near = JsonFields.closest(host, hosts);
        problems.add(new InputProblem(file, "vms[" + i + "].host", 0, 0,
            "unknown host \"" + host + "\"" + (near == null ? "" : " (did you mean \"" + near + "\"?)")
                + "; every VM must run on a host listed in \"hosts\""));
      }
    }
    checkPlan(file, inv, problems);
    Set<String> vmNames = new HashSet<>();
    inv.vms().forEach(v -> vmNames.add(v.name()));
    for (int i = 0; i < inv.unknownCauses().size(); i++) {
      UnknownCause c = inv.unknownCauses().get(i);
      for (int j = 0; j < c.hosts().size(); j++) {
        if (!hosts.contains(c.hosts().get(j))) {
          problems.add(new InputProblem(file, "unknownCauses[" + i + "].hosts[" + j + "]", 0, 0, "unknown host \"" + c.hosts().get(j) + "\"; list hosts of \"hosts\""));
        }
      }
      for (int j = 0; j < c.vms().size(); j++) {
        if (!vmNames.contains(c.vms().get(j))) {
          problems.add(new InputProblem(file, "unknownCauses[" + i + "].vms[" + j + "]", 0, 0, "unknown VM \"" + c.vms().get(j) + "\"; list VMs of \"vms\""));
        }
      }
    }
  }

  private static void checkPlan(String file, Inventory inv, List<InputProblem> problems) {
    Set<String> hosts = new HashSet<>();
    inv.hosts().forEach(h -> hosts.add(h.name()));
    Set<String> vms = new HashSet<>();
    inv.vms().forEach(v -> vms.add(v.name()));
    for (int i = 0; i < inv.migrations().size(); i++) {
      Migration m = inv.migrations().get(i);
      if (!vms.contains(m.vm())) {
        String near = JsonFields.closest(m.vm(), vms);
        problems.add(new InputProblem(file, "migrations[" + i + "].vm", 0, 0,
            "unknown VM \"" + m.vm() + "\"" + (near == null ? "" : " (did you mean \"" + near + "\"?)")));
      }
      if (!hosts.contains(m.target())) {
        String near = JsonFields.closest(m.target(), hosts);
        problems.add(new InputProblem(file, "migrations[" + i + "].target", 0, 0,
            "unknown host \"" + m.target() + "\"" + (near == null ? "" : " (did you mean \"" + near + "\"?)")));
      }
    }
  }

  private static void duplicates(String file, String array, List<String> names, String kind, List<InputProblem> problems) {
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      Integer earlier = first.putIfAbsent(names.get(i), i);
      if (earlier != null) {
        problems.add(new InputProblem(file, array + "[" + i + "].name", 0, 0,
            "duplicate " + kind + " name \"" + names.get(i) + "\", first used at " + array + "[" + earlier + "]; names must be unique"));
      }
    }
  }

  /**
   * Finds the line and column of each problem's JSON path with a second, streaming pass. Done only
   * when something is wrong, so that valid inventories are read once and with no location index.
   */
  private static List<InputProblem> locate(String text, List<InputProblem> problems) {
    return JsonPositions.locate(text, problems);
  }

}
