package io.vmotion.inventory.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A realistic synthetic inventory in format v1: clusters of one CPU generation each (some with an
 * EVC mode, some mixed without), ESXi releases and editions as fleets really drift, shared and
 * local datastores, port groups per cluster, reservations, and the misconfigurations that block
 * vMotion in practice (a host in maintenance, a BIOS setting, a missing port group, a 100 Mbit/s
 * vMotion adapter). The same seed gives the same bytes. VMs are streamed, so memory stays small.
 */
public final class InventoryGenerator {

  /** A CPU generation: vendor, CPUID family/model, EVC baseline of its features, cores per socket pair. */
  record Generation(String vendor, int family, int model, String baseline, int cores, int mhz, String minEsxi) {}

  static final List<Generation> GENERATIONS = List.of(
      new Generation("intel", 6, 79, "intel-broadwell", 22, 2200, "6.0.0"),
      new Generation("intel", 6, 85, "intel-skylake", 24, 2400, "6.7.0"),
      new Generation("intel", 6, 85, "intel-cascadelake", 28, 2500, "6.7.1"),
      new Generation("intel", 6, 106, "intel-icelake", 32, 2600, "7.0.2"),
      new Generation("intel", 6, 143, "intel-sapphirerapids", 48, 2700, "8.0.0"),
      new Generation("amd", 23, 49, "amd-zen2", 32, 2600, "7.0.1"),
      new Generation("amd", 25, 1, "amd-zen3", 32, 2800, "7.0.2"),
      new Generation("amd", 25, 17, "amd-zen4", 48, 2900, "8.0.1"));

  static final List<String> VERSIONS = List.of("7.0.2", "7.0.3", "8.0.0", "8.0.1", "8.0.2", "8.0.3");
  /** Highest hardware version per release (KB 315655), for VMs created on a host of that release. */
  static final Map<String, Integer> MAX_HW = Map.of("7.0.2", 19, "7.0.3", 19, "8.0.0", 20, "8.0.1", 20, "8.0.2", 21, "8.0.3", 21);
  /** Guest ids with the first release that supports them (rules/data/guest-os.json). */
  static final List<String[]> GUESTS = List.of(
      new String[] {"rhel8_64Guest", "6.7.0"}, new String[] {"rhel9_64Guest", "7.0.1"},
      new String[] {"windows2019srv_64Guest", "7.0.0"}, new String[] {"windows2019srvNext_64Guest", "7.0.1"},
      new String[] {"windows2022srvNext_64Guest", "8.0.0"}, new String[] {"ubuntu64Guest", "3.0.0"},
      new String[] {"sles15_64Guest", "6.7.0"}, new String[] {"debian12_64Guest", "8.0.0"},
      new String[] {"rockylinux_64Guest", "8.0.0"}, new String[] {"windows9_64Guest", "6.0.0"});

  record Host(String name, String cluster, String version, String license, String state, boolean maintenance,
      Generation gen, String evcMode, long memoryMb, int nicMbps, List<String> datastores, List<String> portGroups,
      List<String> biosDisabled, List<String> unknown) {}

  private final int hosts;
  private final int vms;
  private final int clusters;
  private final long seed;
  private final Map<String, Set<String>> baselineFeatures;

  /** @param baselineFeatures EVC baseline key → its full feature set, from the rule data */
  public InventoryGenerator(int hosts, int vms, int clusters, long seed, Map<String, Set<String>> baselineFeatures) {
    if (hosts < 2 || vms < 0 || clusters < 1 || clusters > hosts) {
      throw new IllegalArgumentException("need at least 2 hosts, 1 cluster, no more clusters than hosts, and no negative VM count");
    }
    this.hosts = hosts;
    this.vms = vms;
    this.clusters = clusters;
    this.seed = seed;
    this.baselineFeatures = baselineFeatures;
  }

  public void write(Writer out) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    List<Host> all = hosts(random.split());
    JsonFactory factory = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    try (JsonGenerator g = factory.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("formatVersion", 1);
      g.writeArrayFieldStart("hosts");
      for (Host h : all) writeHost(g, h);
      g.writeEndArray();
      g.writeArrayFieldStart("vms");
      SplittableRandom vmRandom = random.split();
      // vCenter's maximum counts powered-on VMs (40,000 of 45,000 registered): --vms is that
      // number, and one powered-off VM per nine is added on top, as fleets keep them around.
      int poweredOff = vms / 9;
      for (int i = 0; i < vms + poweredOff; i++) writeVm(g, i, all, vmRandom, (i + 1) % 10 != 0 || i / 10 >= poweredOff);
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
  }

  private List<Host> hosts(SplittableRandom r) {
    List<Host> out = new ArrayList<>(hosts);
    for (int c = 0; c < clusters; c++) {
      String cluster = String.format("cl%02d", c + 1);
      // Each cluster is bought as one generation; every fifth grew with a second, newer one.
      Generation gen = GENERATIONS.get(r.nextInt(GENERATIONS.size()));
      boolean mixed = c % 5 == 4;
      Generation newer = mixed ? newerOf(gen, r) : gen;
      boolean evc = c % 3 != 2;
      String evcMode = evc ? gen.baseline() : null;
      String version = pickAtLeast(gen.minEsxi(), r);
      String license = c % 10 == 9 ? "standard" : "enterprise-plus";
      int shared = 2 + r.nextInt(3);
      List<String> datastores = new ArrayList<>();
      for (int d = 1; d <= shared; d++) datastores.add(cluster + "-ds" + d);
      List<String> portGroups = new ArrayList<>(List.of("pg-mgmt", cluster + "-app", cluster + "-db"));
      if (c % 2 == 0) portGroups.add(cluster + "-dmz");
      int first = c * hosts / clusters;
      int last = (c + 1) * hosts / clusters;
      for (int h = first; h < last; h++) {
        String name = String.format("esx%04d", h + 1);
        int index = h - first;
        Generation g = mixed && index % 2 == 1 ? newer : gen;
        // Drift: a few hosts lag one release behind, or run an edition without vMotion.
        String v = r.nextInt(20) == 0 ? older(version) : version;
        String lic = r.nextInt(100) == 0 ? (r.nextBoolean() ? "essentials" : "free") : license;
        String state = r.nextInt(200) == 0 ? "disconnected" : "connected";
        boolean maintenance = r.nextInt(100) == 0;
        int nic = r.nextInt(150) == 0 ? 100 : (r.nextBoolean() ? 10000 : 25000);
        List<String> pgs = new ArrayList<>(portGroups);
        if (r.nextInt(40) == 0) pgs.remove(pgs.size() - 1);
        List<String> ds = new ArrayList<>(datastores);
        if (r.nextInt(60) == 0) ds.remove(ds.size() - 1);
        ds.add(name + "-local");
        List<String> bios = r.nextInt(80) == 0 ? List.of("aes") : List.of();
        long memory = 1024L * (g.cores() >= 32 ? 1024 : 512);
        // An odd AMD host racked into an Intel cluster (and back) happens in real fleets.
        Generation hostGen = r.nextInt(150) == 0 ? otherVendor(g) : g;
        // As after an import from an incomplete export: a few hosts' license or vMotion adapters unknown.
        List<String> unknown = r.nextInt(120) == 0 ? List.of("license") : r.nextInt(120) == 0 ? List.of("vmotionNics") : List.of();
        out.add(new Host(name, cluster, v, lic, state, maintenance, hostGen, evcMode != null && hostGen.vendor().equals(g.vendor()) ? evcMode : null,
            memory, nic, ds, pgs, bios, unknown));
      }
    }
    return out;
  }

  private static Generation newerOf(Generation gen, SplittableRandom r) {
    List<Generation> candidates = GENERATIONS.stream()
        .filter(x -> x.vendor().equals(gen.vendor()) && GENERATIONS.indexOf(x) > GENERATIONS.indexOf(gen)).toList();
    return candidates.isEmpty() ? gen : candidates.get(r.nextInt(candidates.size()));
  }

  private static Generation otherVendor(Generation g) {
    return GENERATIONS.stream().filter(x -> !x.vendor().equals(g.vendor())).findFirst().orElse(g);
  }

  private static String pickAtLeast(String min, SplittableRandom r) {
    List<String> ok = VERSIONS.stream().filter(v -> compare(v, min) >= 0).toList();
    return ok.get(r.nextInt(ok.size()));
  }

  private static String older(String version) {
    int i = VERSIONS.indexOf(version);
    return i > 0 ? VERSIONS.get(i - 1) : version;
  }

  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < 3; i++) {
      int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
      if (c != 0) return c;
    }
    return 0;
  }

  private void writeHost(JsonGenerator g, Host h) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", h.name());
    g.writeStringField("cluster", h.cluster());
    g.writeStringField("version", h.version());
    g.writeStringField("license", h.license());
    if (!h.state().equals("connected")) g.writeStringField("state", h.state());
    if (h.maintenance()) g.writeBooleanField("maintenanceMode", true);
    g.writeObjectFieldStart("cpu");
    g.writeStringField("vendor", h.gen().vendor());
    g.writeNumberField("family", h.gen().family());
    g.writeNumberField("model", h.gen().model());
    g.writeNumberField("cores", h.gen().cores());
    g.writeNumberField("threads", h.gen().cores() * 2);
    g.writeNumberField("mhz", h.gen().mhz());
    Set<String> features = new TreeSet<>(baselineFeatures.getOrDefault(h.gen().baseline(), Set.of()));
    features.add(h.gen().vendor().equals("intel") ? "vmx" : "svm");
    strings(g, "features", features);
    strings(g, "biosDisabled", h.biosDisabled());
    g.writeEndObject();
    if (h.evcMode() != null) g.writeStringField("evcMode", h.evcMode());
    g.writeNumberField("memoryMb", h.memoryMb());
    g.writeArrayFieldStart("vmotionNics");
    g.writeStartObject();
    g.writeStringField("name", "vmk1");
    g.writeNumberField("speedMbps", h.nicMbps());
    g.writeNumberField("mtu", 9000);
    g.writeEndObject();
    g.writeEndArray();
    strings(g, "datastores", h.datastores());
    strings(g, "portGroups", h.portGroups());
    if (!h.unknown().isEmpty()) strings(g, "unknown", h.unknown());
    g.writeEndObject();
  }

  private void writeVm(JsonGenerator g, int i, List<Host> all, SplittableRandom r, boolean poweredOn) throws IOException {
    int total = vms + vms / 9;
    Host h = all.get((int) ((long) i * all.size() / Math.max(1, total)));
    int maxHw = MAX_HW.get(h.version());
    // Most VMs keep the hardware version they were created with; some were created on newer hosts.
    int hw = r.nextInt(25) == 0 ? Math.min(21, maxHw + 1) : maxHw - r.nextInt(3);
    String[] guest = GUESTS.get(r.nextInt(GUESTS.size()));
    if (compare(guest[1], h.version()) > 0 && r.nextInt(10) != 0) guest = GUESTS.get(0);
    int vcpus = r.nextInt(50) == 0 ? h.gen().cores() * 2 + 8 : 1 << r.nextInt(4);
    long memory = 1024L * (2 << r.nextInt(5));
    g.writeStartObject();
    g.writeStringField("name", String.format("vm%05d", i + 1));
    g.writeStringField("host", h.name());
    g.writeStringField("powerState", poweredOn ? "poweredOn" : "poweredOff");
    g.writeNumberField("hardwareVersion", hw);
    g.writeStringField("guestOs", guest[0]);
    g.writeNumberField("vcpus", vcpus);
    g.writeNumberField("memoryMb", memory);
    if (r.nextInt(10) == 0) {
      g.writeObjectFieldStart("reservation");
      g.writeNumberField("cpuMhz", 1000L * (1 + r.nextInt(4)));
      g.writeNumberField("memoryMb", memory);
      g.writeEndObject();
    }
    List<String> shared = h.datastores().subList(0, h.datastores().size() - 1);
    String ds = r.nextInt(30) == 0 ? h.datastores().get(h.datastores().size() - 1) : shared.get(r.nextInt(shared.size()));
    strings(g, "datastores", List.of(ds));
    g.writeArrayFieldStart("nics");
    int nics = 1 + r.nextInt(2);
    for (int n = 0; n < nics; n++) {
      g.writeStartObject();
      g.writeStringField("portGroup", h.portGroups().get(r.nextInt(h.portGroups().size())));
      g.writeStringField("mac", String.format("00:50:56:%02x:%02x:%02x", (i >> 14) & 0x3f, (i >> 6) & 0xff, ((i & 0x3f) << 2) | n));
      g.writeEndObject();
    }
    g.writeEndArray();
    if (r.nextInt(200) == 0) strings(g, "unknown", List.of("guestOs"));
    g.writeEndObject();
  }

  private static void strings(JsonGenerator g, String field, Iterable<String> values) throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) g.writeString(v);
    g.writeEndArray();
  }
}
