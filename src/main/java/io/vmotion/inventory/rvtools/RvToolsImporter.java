package io.vmotion.inventory.rvtools;

import io.vmotion.inventory.InvalidInputException;
import io.vmotion.inventory.imports.CpuModels;
import io.vmotion.inventory.imports.EvcCatalog;
import io.vmotion.inventory.imports.HostDraft;
import io.vmotion.inventory.imports.ImportResult;
import io.vmotion.inventory.imports.ImportedInventory;
import io.vmotion.inventory.imports.VmDraft;
import io.vmotion.inventory.imports.Warnings;
import io.vmotion.inventory.rvtools.Cells.Dim;
import io.vmotion.inventory.rvtools.Cells.Gap;
import io.vmotion.inventory.rvtools.Cells.Read;
import io.vmotion.inventory.rvtools.Table.Col;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Imports an RVTools export (.xlsx): hosts from vHost, VMs from vInfo with vCPU/vMemory
 * reservations, vDisk datastores and vNetwork adapters, port groups from vPort/dvPort, datastores
 * per host from vDatastore or vMultiPath, licenses from vHost's "Assigned License(s)" or vLicense,
 * vMotion adapters from vSC_VMK and vNIC.
 *
 * <p>Real exports are incomplete, and the import never passes a value it had to invent as known:
 * every field it cannot read (a missing tab or column, an empty, error or out-of-range cell, a host
 * vHost lacks) is filled with a default, listed in the host's or VM's "unknown", and explained by
 * one cause per distinct gap in "unknownCauses". Each gap is also a warning, once. docs/importing.md
 * maps each field to its columns in RVTools 3.x to 4.7, with the public samples that confirm them.
 */
public final class RvToolsImporter {

  private static final Pattern DATASTORE_PATH = Pattern.compile("^\\s*\\[([^\\]]+)\\]");
  private static final Pattern HW_VERSION = Pattern.compile("(?i)^\\s*(?:vmx-)?(\\d{1,3})(?:\\.0+)?\\s*$");
  private static final long MAX_VM_MEMORY_MIB = 24L * 1024 * 1024; // vSphere 8: 24 TiB per VM
  private static final double MAX_HOST_MEMORY_MIB = 1L << 30; // 1 PiB: far above any host
  private static final List<String> NO_EVC = List.of("n/a", "none", "disabled", "-");

  // The column names that locate each tab's header row (see Table).
  static final List<String> VINFO_COLUMNS = List.of("VM", "Powerstate", "Power State", "Template", "SRM Placeholder", "CPUs", "Memory",
      "NICs", "Host", "Cluster", "Datacenter", "HW version", "Path", "VM UUID", "VM ID", "OS according to the configuration file",
      "OS according to the VMware Tools", "min Required EVC Mode Key", "Network #1", "Network #2", "Provisioned MiB", "Provisioned MB",
      "Active Memory");
  static final List<String> VHOST_COLUMNS = List.of("Host", "Datacenter", "Cluster", "CPU Model", "Speed", "HT Available", "HT Active",
      "# CPU", "Cores per CPU", "# Cores", "# Memory", "Current EVC", "Max EVC", "Assigned License(s)", "ESX Version", "in Maintenance Mode",
      "Vendor", "Model", "Object ID", "UUID");
  static final List<String> VCPU_COLUMNS = List.of("VM", "Powerstate", "CPUs", "Sockets", "Cores p/s", "Reservation", "Limit", "Shares", "VM UUID");
  static final List<String> VMEMORY_COLUMNS = List.of("VM", "Powerstate", "Size MiB", "Size MB", "Reservation", "Limit", "Shares", "VM UUID",
      "Active");
  static final List<String> VDISK_COLUMNS = List.of("VM", "Powerstate", "Disk", "Disk Path", "Path", "Capacity MiB", "Capacity MB", "Thin",
      "Disk Mode", "Controller", "VM UUID");
  static final List<String> VNETWORK_COLUMNS = List.of("VM", "Powerstate", "NIC label", "Adapter", "Network", "Switch", "Connected",
      "Mac Address", "VM UUID");
  static final List<String> VLICENSE_COLUMNS = List.of("Name", "Key", "Labels", "Cost Unit", "Total", "Used", "Expiration Date", "Features");
  static final List<String> VPORT_COLUMNS = List.of("Host", "Datacenter", "Cluster", "Port Group", "Switch", "VLAN");
  static final List<String> DVSWITCH_COLUMNS = List.of("Switch", "Datacenter", "Name", "Vendor", "Version", "Host members", "Max Ports");
  static final List<String> DVPORT_COLUMNS = List.of("Port", "Switch", "Type", "# Ports", "VLAN");
  static final List<String> VDATASTORE_COLUMNS = List.of("Name", "Config status", "Address", "Accessible", "Type", "# VMs", "Capacity MiB",
      "Capacity MB", "# Hosts", "Hosts", "URL");
  static final List<String> VMULTIPATH_COLUMNS = List.of("Host", "Cluster", "Datacenter", "Datastore", "Disk", "Policy");
  static final List<String> VSCVMK_COLUMNS = List.of("Host", "Datacenter", "Cluster", "Port Group", "Device", "Mac Address", "IP Address", "MTU");
  static final List<String> VNIC_COLUMNS = List.of("Host", "Datacenter", "Cluster", "Network Device", "Driver", "Speed", "Duplex", "MAC", "Switch");

  static final List<String> VCD_COLUMNS = List.of("VM", "Powerstate", "Template", "Device Node", "Connected", "Starts Connected", "Device Type", "VM UUID");
  static final List<String> VUSB_COLUMNS = List.of("VM", "Powerstate", "Template", "Device Node", "Device Type", "Connected", "Family", "Speed", "VM UUID");

  /** What RVTools does not export at all: each a gap of every import, stated once. */
  static final String NO_PORTS_OR_PCI = "RVTools exports no serial, parallel, PCI passthrough, Dynamic DirectPath I/O, SR-IOV or vGPU devices";
  static final String NO_AFFINITY = "RVTools exports no CPU or memory scheduling affinity";
  static final String NO_GPU_PROFILES = "RVTools exports no vGPU profiles of hosts";
  static final String NO_VCENTER_SETTINGS = "RVTools exports no vCenter advanced settings (vgpu.hotmigrate.enabled)";
  static final String FIX_DUMP = "import a vSphere dump (docs/importing.md), or fill the field in by hand and remove it from \"unknown\"";

  /** The cause every RVTools host's cpu.features has: the export holds no CPUID, only "Max EVC". */
  static final String NO_CPUID = "RVTools exports no CPU feature flags, only vHost \"Max EVC\"";
  static final String NO_VMOTION_FLAG = "RVTools does not export which VMkernel adapter has the vMotion service";
  static final String HOST_NOT_IN_VHOST = "host not in tab vHost";

  private final EvcCatalog evc;
  private final GuestNames guests;

  /** @param guestLabels the rule data's guest OS ids and their labels, to map vCenter's full names to ids */
  public RvToolsImporter(EvcCatalog evc, Map<String, String> guestLabels) {
    this.evc = evc;
    this.guests = new GuestNames(guestLabels);
  }

  public ImportResult read(Path file) throws InvalidInputException {
    String name = file.toString();
    if (!Files.isRegularFile(file)) throw InvalidInputException.of(name, "no such file");
    Warnings warnings = new Warnings(name);
    try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
         Workbook wb = new XSSFWorkbook(pkg)) {
      return read(wb, warnings);
    } catch (IOException | RuntimeException | org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
      // POI reports a damaged or foreign file with a variety of runtime exceptions.
      throw InvalidInputException.of(name, "cannot be opened as an Excel workbook: " + plainWords(e));
    }
  }

  /**
   * POI's reason in words a user can act on: its messages name its own settings
   * ("ZipSecureFile.setMinInflateRatio()") and classes, which nobody running an import can change.
   */
  static String plainWords(Exception e) {
    String m = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ");
    StringBuilder chain = new StringBuilder();
    for (Throwable t = e; t != null && chain.length() < 10_000; t = t.getCause() == t ? null : t.getCause()) chain.append(t.getMessage()).append(' ');
    if (chain.toString().contains("Zip bomb") || chain.toString().contains("InflateRatio")) {
      return "it expands far more than a real export does (a zip bomb, or a damaged file); export it again from RVTools";
    }
    if (m.contains("Zip bomb") || m.contains("InflateRatio") || m.contains("MaxEntrySize")) {
      return "it expands far more than a real export does (a zip bomb, or a damaged file); export it again from RVTools";
    }
    if (m.contains("OLE2") || m.contains("encrypted") || m.contains("EncryptedDocument")) {
      return "it is a password-protected or legacy (.xls) file; remove the password in Excel and save it as .xlsx";
    }
    if (e instanceof org.apache.poi.openxml4j.exceptions.InvalidFormatException || m.contains("not a valid OOXML") || m.contains("No valid entries")) {
      return "it is damaged or not an Office Open XML workbook; export it again from RVTools with 'Export all to Excel'";
    }
    // Anything else: the message without POI's advice on its own API.
    m = m.replaceAll("\\s*(?:You may|If you|This may|Counter|Limits|,? ?or use|see) [^.]*(ZipSecureFile|IOUtils|POI|setMax|setMin)[^.]*\\.?", "");
    return m.isBlank() ? "it is damaged; export it again from RVTools" : m;
  }

  ImportResult read(Workbook wb, Warnings warnings) {
    return new Run(wb, warnings).run();
  }

  // ---- the wording of causes and their fixes ----

  /** One gap of the export: the cause as unknownCauses states it and the fix to print once. */
  record Cause(String cause, String fix) {}

  static Cause noTab(String tab) {
    return new Cause("tab " + tab + " is missing", "export tab " + tab + " too (RVTools: File > Export all to Excel)");
  }

  static Cause noColumn(String tab, String column) {
    return new Cause("tab " + tab + " has no column \"" + column + "\"", "export tab " + tab + " with its \"" + column + "\" column");
  }

  static Cause cell(Col col, Gap gap) {
    String fix = gap == Gap.EMPTY ? "fill the cells in and import again, or fill the field in by hand and remove it from \"unknown\""
        : "correct the cell in the workbook (or export again from RVTools) and import again";
    return new Cause("tab " + col.table().tab() + ", column \"" + col.name() + "\": " + gap.text, fix);
  }

  static Cause cell(Col col, String what, String fix) {
    return new Cause("tab " + col.table().tab() + ", column \"" + col.name() + "\": " + what, fix);
  }

  /** The state of one import. */
  private final class Run {
    final Workbook wb;
    final Warnings warnings;
    final ImportedInventory inv;
    Table vHost;
    /** Why the hosts vHost does not describe are unknown: not listed, or vHost unreadable. */
    Cause unlisted;
    Table vInfo;
    final Map<String, VmDraft> byKey = new HashMap<>();
    final Set<String> skippedKeys = new HashSet<>();
    /** Hosts whose license vHost does not give, to take from vLicense. */
    final Map<HostDraft, Cause> licenseGap = new LinkedHashMap<>();
    /** VMs whose memory vInfo does not give, to take from vMemory. */
    final Map<VmDraft, Cause> memoryGap = new LinkedHashMap<>();
    /** Why a VM's datastores or NICs are incomplete. */
    final Map<VmDraft, Set<Cause>> datastoreGaps = new LinkedHashMap<>();
    final Map<VmDraft, Long> nicCounts = new HashMap<>();
    /** vInfo's row and name of each VM, and its Fault Tolerance and DRS rule columns, for the facts of vCenter parity. */
    final Map<VmDraft, Row> vInfoRows = new LinkedHashMap<>();
    final Map<VmDraft, String> originalNames = new HashMap<>();
    Col ftState;
    Col ftRole;
    Col ruleTypes;
    Col ruleNames;
    /** Per VM, its SCSI controllers' bus sharing from vDisk "Shared Bus", and why it is unknown. */
    Cause busSharingGap;

    Run(Workbook wb, Warnings warnings) {
      this.wb = wb;
      this.warnings = warnings;
      this.inv = new ImportedInventory(warnings, evc, "tab vHost");
    }

    ImportResult run() {
      hosts();
      licenses();
      vms();
      reservations();
      disks();
      for (Map.Entry<VmDraft, Set<Cause>> e : datastoreGaps.entrySet()) {
        for (Cause c : e.getValue()) inv.markUnknown(e.getKey(), "datastores", c.cause(), c.fix());
      }
      networks();
      inv.addMissingHosts(); // so that port groups and datastores shared by a cluster reach them too
      unlistedHosts();
      portGroups();
      datastores();
      vmotionNics();
      parity();
      return inv.build();
    }

    // ---- gaps ----

    void unknown(HostDraft h, String field, Cause c) {
      inv.markUnknown(h, field, c.cause(), c.fix());
    }

    void unknown(VmDraft v, String field, Cause c) {
      inv.markUnknown(v, field, c.cause(), c.fix());
    }

    /** The cause of a cell without a value, warning once per bad cell with its row. */
    Cause gap(Col col, Read<?> read, Row row) {
      if (read.gap().bad()) {
        warnings.add("tab " + col.table().tab() + ", column \"" + col.name() + "\": " + read.gap().text
            + (read.detail() == null ? "" : " (" + read.detail() + ")") + "; read as unknown", "row " + Table.rowNumber(row));
      }
      return cell(col, read.gap());
    }

    /** The cause for a field read from a column that may be missing. */
    Cause gapOrNoColumn(Col col, Read<?> read, Row row) {
      return col.missing() ? noColumn(col.table().tab(), col.name()) : gap(col, read, row);
    }

    // ---- hosts ----

    void hosts() {
      vHost = Table.find(wb, "vHost", warnings, "hosts are known only by the VMs on them, and marked unknown", VHOST_COLUMNS);
      if (vHost == null) {
        unlisted = noTab("vHost");
        return;
      }
      unlisted = new Cause(HOST_NOT_IN_VHOST, "export tab vHost with every host the VMs run on, or describe the host by hand");
      Table t = vHost;
      Col host = t.col("hosts cannot be read", "Host", "Name");
      if (host.missing()) {
        unlisted = noColumn("vHost", "Host");
        return;
      }
      Col cluster = t.col("hosts have no cluster", "Cluster");
      Col version = t.col("ESXi versions are unknown", "ESX Version", "ESXi Version", "Version");
      Col cpuModel = t.col("CPU generations are unknown", "CPU Model");
      Col speed = t.col("CPU speeds are unknown", "Speed", "Speed (MHz)", "CPU Speed");
      Col sockets = t.col(null, "# CPU", "CPUs", "# CPUs");
      Col coresPerCpu = t.col(null, "Cores per CPU");
      Col cores = t.col(null, "# Cores", "Cores");
      if (cores.missing() && (sockets.missing() || coresPerCpu.missing())) t.column("core counts are unknown", "# Cores");
      Col ht = t.col("thread counts are unknown", "HT Active");
      Col memory = t.col("host memory is unknown", "# Memory", "Memory", "# Memory (GiB)", "Memory GiB", "# Memory GiB", "Memory MB");
      Col maintenance = t.col("maintenance mode is taken as off", "in Maintenance Mode", "Maintenance Mode");
      Col connection = t.col(null, "Connection state", "Connection State");
      Col currentEvc = t.col("hosts' EVC modes are unknown", "Current EVC", "Current EVC Mode");
      Col maxEvc = t.col("CPU features come from the CPU model table", "Max EVC", "Max EVC Mode");
      Col license = t.col(null, "Assigned License(s)", "Assigned License", "License");

      for (Row r : t.rows()) {
        String name = Table.text(r, host.index());
        if (name == null) continue;
        HostDraft d = inv.host(name);
        d.cluster = Table.text(r, cluster.index());
        hostVersion(d, r, version);
        hostCpu(d, r, cpuModel, maxEvc);
        hostSizes(d, r, sockets, coresPerCpu, cores, ht, speed, memory);
        Read<Boolean> mm = maintenance.missing() ? null : Table.boolRead(r, maintenance.index());
        if (mm != null && mm.ok()) d.maintenanceMode = mm.value();
        else if (mm != null && mm.gap().bad()) gap(maintenance, mm, r);
        String state = Table.text(r, connection.index());
        if (state != null) {
          String s = state.toLowerCase(Locale.ROOT).replace(" ", "");
          d.state = s.startsWith("disconnected") ? "disconnected" : s.startsWith("notresponding") ? "notResponding" : "connected";
        }
        hostEvc(d, r, currentEvc);
        hostLicense(d, r, license);
      }
    }

    void hostVersion(HostDraft d, Row r, Col version) {
      if (version.missing()) {
        unknown(d, "version", noColumn("vHost", "ESX Version"));
        return;
      }
      Read<String> v = Table.read(r, version.index());
      if (!v.ok()) {
        unknown(d, "version", gap(version, v, r));
        return;
      }
      // "VMware ESXi 8.0.3 build-24022510" (ESX Version), or "8.0.3" (a "Version" column, its build apart).
      String parsed = ImportedInventory.esxiVersion(v.value());
      if (parsed == null) {
        unknown(d, "version", gap(version, Read.gap(Gap.NOT_UNDERSTOOD, v.value()), r));
        return;
      }
      d.version = parsed;
    }

    void hostCpu(HostDraft d, Row r, Col cpuModel, Col maxEvc) {
      Read<String> modelRead = cpuModel.missing() ? Read.gap(Gap.EMPTY, null) : Table.read(r, cpuModel.index());
      String model = modelRead.value();
      d.vendor = CpuModels.vendor(model);
      Optional<CpuModels.Generation> gen = CpuModels.builtin().find(model);
      gen.ifPresent(g -> {
        d.family = g.family();
        d.model = g.model();
      });
      Cause modelGap = null;
      if (!modelRead.ok()) modelGap = gapOrNoColumn(cpuModel, modelRead, r);
      else if (gen.isEmpty()) {
        warnings.add("CPU model not in the CPU model table (src/main/resources/vmotion/import/cpu-models.json)", d.name + " (" + model + ")");
        modelGap = cell(cpuModel, "CPU model not in vmotion's CPU model table",
            "set cpu.family and cpu.model by hand, or add the model to src/main/resources/vmotion/import/cpu-models.json");
      }

      Read<String> maxRead = maxEvc.missing() ? Read.gap(Gap.EMPTY, null) : Table.read(r, maxEvc.index());
      String max = maxRead.ok() ? evc.normalize(maxRead.value()) : null;
      if (max != null) {
        // The highest baseline the host can run: its features are present, and it cannot offer the next.
        d.maxEvcMode = max;
        d.features = new TreeSet<>(evc.features().get(max));
        d.featuresSource = "max EVC mode " + max;
        if (d.vendor == null) d.vendor = evc.vendors().get(max);
        unknown(d, "cpu.features", new Cause(NO_CPUID, "import a vSphere dump (docs/importing.md) to read each host's CPUID"));
      } else {
        Cause featureGap;
        if (maxEvc.missing()) featureGap = noColumn("vHost", "Max EVC");
        else if (!maxRead.ok()) featureGap = gap(maxEvc, maxRead, r);
        else if (NO_EVC.contains(maxRead.value().toLowerCase(Locale.ROOT))) featureGap = cell(maxEvc, Gap.EMPTY);
        else {
          warnings.add("max EVC mode \"" + maxRead.value() + "\" unknown to rules/data/evc-baselines.json", d.name);
          featureGap = cell(maxEvc, "EVC mode unknown to rules/data/evc-baselines.json", "add the mode to rules/data/evc-baselines.json, or set the host's cpu.features by hand");
        }
        if (gen.isPresent() && evc.knows(gen.get().evc())) {
          d.features = new TreeSet<>(evc.features().get(gen.get().evc()));
          d.featuresSource = "CPU model table";
          if (!maxEvc.missing()) warnings.add("\"Max EVC\" empty; CPU features from the CPU model table", d.name);
        } else {
          d.features = new TreeSet<>();
          if (model != null && gen.isEmpty()) warnings.add("CPU model not in the CPU model table and no \"Max EVC\"", d.name + " (" + model + ")");
        }
        unknown(d, "cpu.features", featureGap);
      }
      if (gen.isEmpty()) unknown(d, "cpu.model", modelGap);
      if (d.vendor == null) {
        unknown(d, "cpu.vendor", modelGap != null ? modelGap
            : cell(cpuModel, "CPU model names neither Intel nor AMD", "set cpu.vendor by hand"));
      }
    }

    void hostSizes(HostDraft d, Row r, Col sockets, Col coresPerCpu, Col cores, Col ht, Col speed, Col memory) {
      Read<Long> c = vHost.whole(r, cores, Dim.COUNT, 1, 1 << 16);
      Cause coreGap = null;
      if (c.ok()) {
        d.cores = (int) (long) c.value();
      } else {
        Read<Long> s = vHost.whole(r, sockets, Dim.COUNT, 1, 1024);
        Read<Long> p = vHost.whole(r, coresPerCpu, Dim.COUNT, 1, 4096);
        if (s.ok() && p.ok() && s.value() * p.value() <= 1 << 16) {
          d.cores = (int) (s.value() * p.value());
          if (!cores.missing()) gap(cores, c, r); // a bad "# Cores" cell is still worth a warning
        } else if (!cores.missing()) {
          coreGap = gap(cores, c, r);
        } else if (!sockets.missing() && !s.ok()) {
          coreGap = gap(sockets, s, r);
        } else if (!coresPerCpu.missing() && !p.ok()) {
          coreGap = gap(coresPerCpu, p, r);
        } else {
          coreGap = noColumn("vHost", "# Cores");
        }
      }
      if (coreGap != null) {
        unknown(d, "cpu.cores", coreGap);
        unknown(d, "cpu.threads", coreGap);
      } else {
        Read<Boolean> h = ht.missing() ? Read.gap(Gap.EMPTY, null) : Table.boolRead(r, ht.index());
        if (h.ok()) d.threads = h.value() ? d.cores * 2 : d.cores;
        else unknown(d, "cpu.threads", gapOrNoColumn(ht, h, r));
      }
      Read<Double> mhz = vHost.quantity(r, speed, Dim.FREQUENCY, 1, 100_000);
      if (mhz.ok()) d.mhz = (int) Math.round(mhz.value());
      else unknown(d, "cpu.mhz", gapOrNoColumn(speed, mhz, r));
      Read<Double> mem = vHost.quantity(r, memory, Dim.MEMORY, 1, MAX_HOST_MEMORY_MIB);
      if (mem.ok()) d.memoryMb = Math.round(mem.value());
      else unknown(d, "memoryMb", gapOrNoColumn(memory, mem, r));
    }

    void hostEvc(HostDraft d, Row r, Col currentEvc) {
      if (currentEvc.missing()) {
        unknown(d, "evcMode", noColumn("vHost", "Current EVC"));
        return;
      }
      Read<String> current = Table.read(r, currentEvc.index());
      if (current.ok()) {
        String key = evc.normalize(current.value());
        if (key != null) {
          d.evcMode = key;
        } else if (!NO_EVC.contains(current.value().toLowerCase(Locale.ROOT))) {
          inv.warnings().add("current EVC mode \"" + current.value() + "\" unknown to rules/data/evc-baselines.json; left out", d.name);
          unknown(d, "evcMode", cell(currentEvc, "EVC mode unknown to rules/data/evc-baselines.json",
              "add the mode to rules/data/evc-baselines.json, or set evcMode by hand"));
        }
      } else if (current.gap().bad()) {
        unknown(d, "evcMode", gap(currentEvc, current, r));
      }
      // An empty "Current EVC" is a fact: the host runs without EVC.
    }

    void hostLicense(HostDraft d, Row r, Col license) {
      if (license.missing()) {
        licenseGap.put(d, null);
        return;
      }
      Read<String> l = Table.read(r, license.index());
      if (l.ok()) {
        d.license = Licenses.firstEdition(l.value());
        if (d.license == null) {
          warnings.add("\"Assigned License(s)\" names no vSphere edition", d.name + " (" + l.value() + ")");
          unknown(d, "license", cell(license, "names no vSphere edition", "set the host's license by hand"));
        }
      } else {
        if (l.gap().bad()) unknown(d, "license", gap(license, l, r));
        else licenseGap.put(d, null);
      }
    }

    /** Hosts vHost gives no license take the workbook's only vSphere edition in vLicense, when there is exactly one. */
    void licenses() {
      List<HostDraft> open = licenseGap.keySet().stream().filter(h -> h.license == null && !h.unknown.contains("license")).toList();
      if (open.isEmpty()) return;
      Table t = Table.find(wb, "vLicense", warnings, "host licenses are unknown", VLICENSE_COLUMNS);
      Cause why;
      if (t == null) {
        why = new Cause("tab vLicense is missing", "export the vLicense tab, or vHost with its \"Assigned License(s)\" column");
      } else {
        Col name = t.col("host licenses are unknown", "Name", "License", "Product");
        if (name.missing()) {
          why = noColumn("vLicense", "Name");
        } else {
          Set<String> editions = new LinkedHashSet<>();
          for (Row r : t.rows()) {
            String e = Licenses.edition(Table.text(r, name.index()));
            if (e != null) editions.add(e);
          }
          if (editions.size() == 1) {
            String edition = editions.iterator().next();
            for (HostDraft h : open) {
              h.license = edition;
              warnings.add("no license assigned in vHost; the workbook's only vSphere edition in vLicense (" + edition + ") is used", h.name);
            }
            return;
          }
          if (editions.size() > 1) {
            warnings.add("tab vLicense lists several vSphere editions (" + String.join(", ", editions) + ") and vHost does not say which host has which");
            why = new Cause("tab vLicense lists several vSphere editions and vHost does not say which host has which",
                "export vHost with its \"Assigned License(s)\" column, or set each host's license by hand");
          } else {
            why = new Cause("tab vLicense lists no vSphere edition", "export vHost with its \"Assigned License(s)\" column, or set each host's license by hand");
          }
        }
      }
      for (HostDraft h : open) unknown(h, "license", why);
    }

    /** Hosts that only VMs name: nothing of them is known but their name and cluster. */
    void unlistedHosts() {
      for (HostDraft h : inv.hosts()) {
        if (h.listed) continue;
        for (String f : List.of("cpu", "version", "license", "evcMode", "memoryMb", "vmotionNics", "datastores", "portGroups")) {
          unknown(h, f, unlisted);
        }
      }
    }

    // ---- VMs ----

    void vms() {
      vInfo = Table.find(wb, "vInfo", warnings, "no VMs imported", VINFO_COLUMNS);
      if (vInfo == null) {
        inv.explainNoVms("tab vInfo is missing");
        return;
      }
      Table t = vInfo;
      Col vm = t.col("VMs cannot be read", "VM", "Name", "VM Name");
      if (vm.missing()) {
        inv.explainNoVms(t.headerRow() == 0 ? "tab vInfo is empty"
            : "tab vInfo has no column \"VM\" in its first " + Table.HEADER_SEARCH_ROWS + " rows (the header row is found by its column names, "
                + "below any title row, and merged header cells are read)");
        return;
      }
      if (t.rows().isEmpty()) inv.explainNoVms("tab vInfo has no rows below its header (row " + t.headerRow() + ")");
      Col uuid = t.col(null, "VM UUID", "UUID");
      Col power = t.col("power states are unknown", "Powerstate", "Power State", "PowerState");
      Col template = t.col(null, "Template");
      Col srm = t.col(null, "SRM Placeholder");
      Col host = t.col("VMs have no host", "Host");
      Col cluster = t.col(null, "Cluster");
      Col hw = t.col("hardware versions are unknown", "HW version", "HW Version", "VM Version", "Hardware version");
      Col guestId = t.col(null, "Guest ID", "GuestId", "Guest OS ID", "OS ID");
      Col osConfig = t.col(guestId.missing() ? "guest OS ids are unknown" : null, "OS according to the configuration file", "OS");
      Col osTools = t.col(null, "OS according to the VMware Tools");
      Col cpus = t.col("vCPU counts are unknown", "CPUs", "Num CPU", "vCPUs");
      Col memory = t.col(null, "Memory", "Memory MiB", "Memory MB");
      Col minEvc = t.col("VMs are taken to use their host's CPU features", "min Required EVC Mode Key", "EVC Mode");
      Col nics = t.col(null, "NICs");
      Col path = t.col(null, "Path");
      Col active = t.col(null, "Active Memory", "Active Memory MiB", "Active Memory MB");
      ftState = t.col(null, "FT State");
      ftRole = t.col(null, "FT Role");
      ruleTypes = t.col(null, "Cluster rule(s)", "Cluster rules");
      ruleNames = t.col(null, "Cluster rule name(s)", "Cluster rule names");
      int templates = 0;
      int placeholders = 0;
      int nameless = 0;
      int powerUnknown = 0;
      for (Row r : t.rows()) {
        String name = Table.text(r, vm.index());
        if (name == null) {
          nameless++;
          continue;
        }
        String key = key(Table.text(r, uuid.index()), name);
        if (Boolean.TRUE.equals(Table.bool(r, template.index()))) {
          templates++;
          skippedKeys.add(key);
          continue;
        }
        if (Boolean.TRUE.equals(Table.bool(r, srm.index()))) {
          placeholders++;
          skippedKeys.add(key);
          continue;
        }
        VmDraft d = inv.addVm(name);
        byKey.put(key, d);
        byKey.putIfAbsent(key(null, name), d);
        vInfoRows.put(d, r);
        originalNames.put(d, name);
        d.host = Table.text(r, host.index());
        d.cluster = Table.text(r, cluster.index());
        if (!vmPower(d, r, power)) powerUnknown++;
        vmHardware(d, r, hw);
        vmGuest(d, r, guestId, osConfig, osTools);
        Read<Long> n = t.whole(r, cpus, Dim.COUNT, 1, 768);
        if (n.ok()) d.vcpus = (int) (long) n.value();
        else unknown(d, "vcpus", gapOrNoColumn(cpus, n, r));
        Read<Double> mem = t.quantity(r, memory, Dim.MEMORY, 0, MAX_VM_MEMORY_MIB);
        if (mem.ok()) d.memoryMb = Math.round(mem.value());
        else memoryGap.put(d, memory.missing() ? noColumn("vInfo", "Memory") : gap(memory, mem, r));
        vmEvc(d, r, minEvc);
        activeMemory(d, t, r, active);
        Read<Long> nicCount = t.whole(r, nics, Dim.COUNT, 0, 10_000);
        if (nicCount.ok()) nicCounts.put(d, nicCount.value());
        // vInfo's "Path" (the .vmx) names the VM's home datastore whatever vDisk says.
        if (path.missing()) {
          datastoreGap(d, noColumn("vInfo", "Path"));
        } else {
          Read<String> p = Table.read(r, path.index());
          String ds = p.ok() ? datastore(p.value()) : null;
          if (ds != null) d.datastores.add(ds);
          else datastoreGap(d, gap(path, p.ok() ? Read.gap(Gap.NOT_UNDERSTOOD, p.value()) : p, r));
        }
      }
      if (templates > 0) warnings.add(templates + " template(s) skipped: templates cannot be powered on or vMotioned");
      if (placeholders > 0) warnings.add(placeholders + " SRM placeholder VM(s) skipped: they are not running VMs");
      if (inv.vms().isEmpty()) {
        if (templates + placeholders > 0) {
          inv.explainNoVms("tab vInfo lists only templates (" + templates + ") and SRM placeholders (" + placeholders + ")");
        } else if (nameless > 0) {
          inv.explainNoVms("tab vInfo, column \"" + vm.name() + "\": every cell is empty (" + nameless + " rows)");
        }
      }
      if (power.missing()) {
        inv.explainNoPoweredOnVms("tab vInfo has no column \"Powerstate\", so every VM is taken as powered off");
      } else if (powerUnknown > 0) {
        inv.explainNoPoweredOnVms("the power state of " + powerUnknown + " VM(s) is unknown (tab vInfo, column \"" + power.name() + "\")");
      } else {
        inv.explainNoPoweredOnVms("every VM in tab vInfo is powered off or suspended");
      }
    }

    /** Whether the VM's power state is known. */
    boolean vmPower(VmDraft d, Row r, Col power) {
      if (power.missing()) {
        unknown(d, "powerState", noColumn("vInfo", "Powerstate"));
        return false;
      }
      Read<String> ps = Table.read(r, power.index());
      if (ps.ok()) {
        String p = ps.value().toLowerCase(Locale.ROOT).replace(" ", "");
        d.powerState = p.equals("poweredon") ? "poweredOn" : p.equals("poweredoff") ? "poweredOff" : p.equals("suspended") ? "suspended" : null;
        if (d.powerState != null) return true;
        ps = Read.gap(Gap.NOT_UNDERSTOOD, ps.value());
      }
      unknown(d, "powerState", gap(power, ps, r));
      return false;
    }

    void vmHardware(VmDraft d, Row r, Col hw) {
      if (hw.missing()) {
        unknown(d, "hardwareVersion", noColumn("vInfo", "HW version"));
        return;
      }
      Read<String> text = Table.read(r, hw.index());
      if (text.ok()) {
        Matcher m = HW_VERSION.matcher(text.value());
        if (m.matches()) {
          int v = Integer.parseInt(m.group(1));
          if (v >= 3 && v <= 99) {
            d.hardwareVersion = v;
            return;
          }
          text = Read.gap(Gap.OUT_OF_RANGE, text.value());
        } else {
          text = Read.gap(Gap.NOT_UNDERSTOOD, text.value());
        }
      }
      unknown(d, "hardwareVersion", gap(hw, text, r));
    }

    void vmGuest(VmDraft d, Row r, Col guestId, Col osConfig, Col osTools) {
      Col from = null;
      String os = null;
      Read<String> first = null;
      for (Col c : new Col[] {guestId, osConfig, osTools}) {
        if (c.missing()) continue;
        Read<String> read = Table.read(r, c.index());
        if (first == null) first = read;
        if (read.ok()) {
          os = read.value();
          from = c;
          break;
        }
        if (read.gap().bad()) gap(c, read, r);
      }
      if (os == null) {
        Col named = !guestId.missing() ? guestId : !osConfig.missing() ? osConfig : osTools;
        unknown(d, "guestOs", named.missing() ? noColumn("vInfo", "OS according to the configuration file") : cell(named, first.gap()));
        return;
      }
      Optional<String> id = guests.id(os);
      if (id.isPresent()) {
        d.guestOs = id.get();
      } else {
        warnings.add("guest OS \"" + os + "\" has no known guest id; set to \"otherGuest\" and marked unknown, so vm.guest-os does not check it", d.name);
        d.guestOs = "otherGuest";
        unknown(d, "guestOs", cell(from, "guest OS name with no known guest id",
            "set guestOs by hand to the VM's guest id (vSphere: Config.GuestId)"));
      }
    }

    void vmEvc(VmDraft d, Row r, Col minEvc) {
      if (minEvc.missing()) return;
      Read<String> text = Table.read(r, minEvc.index());
      if (!text.ok()) {
        if (text.gap().bad()) gap(minEvc, text, r);
        return;
      }
      String k = evc.normalize(text.value());
      if (k != null) {
        // The VM's own requirement, and the vendor it implies (vCenter's MinRequiredEVCModeKey).
        d.minRequiredEvcMode = k;
        d.cpuVendor = evc.vendors().get(k);
      } else if (!NO_EVC.contains(text.value().toLowerCase(Locale.ROOT))) {
        warnings.add("min required EVC mode \"" + text.value() + "\" unknown to rules/data/evc-baselines.json; the VM is taken to use its host's features", d.name);
      }
    }

    /**
     * Active memory is optional, read only by the duration estimate: a missing column or an empty
     * cell leaves it out without a word, and only a bad cell is worth a warning.
     */
    void activeMemory(VmDraft d, Table t, Row r, Col col) {
      if (col.missing()) return;
      Read<Double> v = t.quantity(r, col, Dim.MEMORY, 0, MAX_VM_MEMORY_MIB);
      if (v.ok()) {
        d.activeMemoryMb = Math.round(v.value());
      } else if (v.gap().bad()) {
        warnings.add("tab " + t.tab() + ", column \"" + col.name() + "\": " + v.gap().text
            + (v.detail() == null ? "" : " (" + v.detail() + ")") + "; active memory left out", "row " + Table.rowNumber(r));
      }
    }

    void datastoreGap(VmDraft d, Cause c) {
      datastoreGaps.computeIfAbsent(d, k -> new LinkedHashSet<>()).add(c);
    }

    /** The VM a row of vCPU, vMemory, vDisk or vNetwork describes: by VM UUID when both tabs have it, else by name. */
    VmDraft vmOf(Row r, Col vm, Col uuid) {
      String name = Table.text(r, vm.index());
      if (name == null) return null;
      String u = Table.text(r, uuid.index());
      if (u != null) {
        if (skippedKeys.contains(key(u, name))) return null;
        VmDraft d = byKey.get(key(u, name));
        if (d != null) return d;
      }
      if (skippedKeys.contains(key(null, name))) return null;
      return byKey.get(key(null, name));
    }

    void reservations() {
      Set<VmDraft> seen = new HashSet<>();
      Table cpu = Table.find(wb, "vCPU", warnings, "CPU reservations are unknown", VCPU_COLUMNS);
      Cause cpuGap = null;
      if (cpu == null) {
        cpuGap = noTab("vCPU");
      } else {
        Col vm = cpu.col("CPU reservations are unknown", "VM");
        Col uuid = cpu.col(null, "VM UUID");
        Col res = cpu.col("CPU reservations are unknown", "Reservation");
        if (vm.missing() || res.missing()) {
          cpuGap = noColumn("vCPU", vm.missing() ? "VM" : "Reservation");
        } else {
          for (Row r : cpu.rows()) {
            VmDraft d = vmOf(r, vm, uuid);
            if (d == null) continue;
            seen.add(d);
            Read<Double> v = cpu.quantity(r, res, Dim.FREQUENCY, 0, 100_000.0 * (1 << 16));
            if (v.ok()) d.cpuReservationMhz = Math.round(v.value());
            else unknown(d, "reservation", gap(res, v, r));
          }
        }
      }
      for (VmDraft d : inv.vms()) {
        if (cpuGap != null) unknown(d, "reservation", cpuGap);
        else if (!seen.contains(d)) unknown(d, "reservation", new Cause("VM not in tab vCPU", "export tab vCPU with every VM"));
      }

      seen.clear();
      Table mem = Table.find(wb, "vMemory", warnings, "memory reservations are unknown", VMEMORY_COLUMNS);
      Cause memGap = null;
      if (mem == null) {
        memGap = noTab("vMemory");
      } else {
        Col vm = mem.col("memory reservations are unknown", "VM");
        Col uuid = mem.col(null, "VM UUID");
        Col res = mem.col("memory reservations are unknown", "Reservation");
        Col size = mem.col(null, "Size MiB", "Size MB", "Size", "Size GiB");
        Col active = mem.col(null, "Active", "Active MiB", "Active MB");
        if (vm.missing()) {
          memGap = noColumn("vMemory", "VM");
        } else {
          if (res.missing()) memGap = noColumn("vMemory", "Reservation");
          for (Row r : mem.rows()) {
            VmDraft d = vmOf(r, vm, uuid);
            if (d == null) continue;
            seen.add(d);
            if (!res.missing()) {
              Read<Double> v = mem.quantity(r, res, Dim.MEMORY, 0, MAX_VM_MEMORY_MIB);
              if (v.ok()) d.memoryReservationMb = Math.round(v.value());
              else unknown(d, "reservation", gap(res, v, r));
            }
            if (d.activeMemoryMb == null) activeMemory(d, mem, r, active);
            if (d.memoryMb == null && !size.missing()) {
              Read<Double> s = mem.quantity(r, size, Dim.MEMORY, 0, MAX_VM_MEMORY_MIB);
              if (s.ok()) d.memoryMb = Math.round(s.value());
              else if (s.gap().bad()) gap(size, s, r);
            }
          }
        }
      }
      for (VmDraft d : inv.vms()) {
        if (memGap != null) unknown(d, "reservation", memGap);
        else if (!seen.contains(d)) unknown(d, "reservation", new Cause("VM not in tab vMemory", "export tab vMemory with every VM"));
      }
      memoryGap.forEach((d, c) -> {
        if (d.memoryMb == null) unknown(d, "memoryMb", c);
      });
    }

    void disks() {
      Table t = Table.find(wb, "vDisk", warnings, "VM datastores come from vInfo's Path only, and are marked unknown", VDISK_COLUMNS);
      Cause all = null;
      if (t == null) {
        all = noTab("vDisk");
      } else {
        Col vm = t.col("VM datastores come from vInfo's Path only, and are marked unknown", "VM");
        Col uuid = t.col(null, "VM UUID");
        Col diskPath = t.col(null, "Disk Path");
        Col path = t.col(null, "Path", "Filename", "File Name");
        busSharing(t);
        if (vm.missing()) {
          all = noColumn("vDisk", "VM");
        } else if (diskPath.missing() && path.missing()) {
          warnings.add("tab vDisk: column \"Disk Path\" missing; VM datastores come from vInfo's Path only, and are marked unknown");
          all = noColumn("vDisk", "Disk Path");
        } else {
          for (Row r : t.rows()) {
            VmDraft d = vmOf(r, vm, uuid);
            if (d == null) continue;
            Read<String> a = Table.read(r, diskPath.index());
            Read<String> b = Table.read(r, path.index());
            String ds = a.ok() ? datastore(a.value()) : null;
            if (ds == null && b.ok()) ds = datastore(b.value());
            if (ds != null) {
              d.datastores.add(ds);
              continue;
            }
            Col c = !diskPath.missing() ? diskPath : path;
            Read<String> read = c == diskPath ? a : b;
            datastoreGap(d, gap(c, read.ok() ? Read.gap(Gap.NOT_UNDERSTOOD, read.value()) : read, r));
          }
        }
      }
      if (t == null) busSharingGap = noTab("vDisk");
      if (all != null) for (VmDraft d : inv.vms()) datastoreGap(d, all);
      if (!datastoreGaps.isEmpty()) {
        datastoreGaps.keySet().forEach(d -> warnings.add("datastores incomplete; marked unknown, so storage.shared decides only what the known facts decide", d.name));
      }
    }

    void networks() {
      Table t = Table.find(wb, "vNetwork", warnings, "VM networks come from vInfo's \"Network #1..#8\" columns, without MAC addresses",
          VNETWORK_COLUMNS);
      Set<VmDraft> listed = new HashSet<>();
      Cause tabGap = null;
      if (t == null) {
        tabGap = noTab("vNetwork");
      } else {
        Col vm = t.col("VM networks come from vInfo", "VM");
        Col uuid = t.col(null, "VM UUID");
        Col network = t.col("VM networks come from vInfo", "Network", "Port Group", "Portgroup");
        Col mac = t.col(null, "Mac Address", "MAC", "MAC Address");
        if (vm.missing() || network.missing()) {
          tabGap = noColumn("vNetwork", vm.missing() ? "VM" : "Network");
        } else {
          for (Row r : t.rows()) {
            VmDraft d = vmOf(r, vm, uuid);
            if (d == null) continue;
            listed.add(d);
            Read<String> pg = Table.read(r, network.index());
            if (pg.ok()) d.nics.add(new VmDraft.Nic(pg.value(), Table.text(r, mac.index())));
            else unknown(d, "nics", gap(network, pg, r));
          }
        }
      }
      // VMs that vNetwork does not list (or all, without it) take vInfo's "Network #N" columns.
      List<Integer> cols = new ArrayList<>();
      Col vm = null;
      Col uuid = null;
      if (vInfo != null) {
        vm = vInfo.col(null, "VM", "Name", "VM Name");
        uuid = vInfo.col(null, "VM UUID", "UUID");
        for (int i = 1; i <= 10; i++) {
          int c = vInfo.column(null, "Network #" + i);
          if (c >= 0) cols.add(c);
        }
      }
      if (cols.isEmpty() && tabGap != null && vInfo != null) {
        warnings.add("tab vInfo: no \"Network #1\" columns either; VM networks are unknown, so network.port-group decides only what the known facts decide");
      }
      if (vm != null && !vm.missing() && !cols.isEmpty()) {
        for (Row r : vInfo.rows()) {
          VmDraft d = vmOf(r, vm, uuid);
          if (d == null || listed.contains(d)) continue;
          for (int c : cols) {
            String pg = Table.text(r, c);
            if (pg != null) d.nics.add(new VmDraft.Nic(pg, null));
          }
        }
      }
      if (tabGap == null) return;
      // Without vNetwork, vInfo names at most one network per column: more NICs than that are unknown.
      for (VmDraft d : inv.vms()) {
        Long count = nicCounts.get(d);
        boolean complete = count != null ? d.nics.size() >= count : !cols.isEmpty() && d.nics.size() < cols.size();
        if (!complete) unknown(d, "nics", tabGap);
      }
    }

    // ---- what hosts offer ----

    /** Listed hosts: those vHost describes. */
    List<HostDraft> listedHosts() {
      return inv.hosts().stream().filter(h -> h.listed).toList();
    }

    void portGroups() {
      Table vPort = Table.find(wb, "vPort", warnings, null, VPORT_COLUMNS);
      Cause vPortGap = vPort == null ? noTab("vPort") : null;
      if (vPort != null) {
        Col host = vPort.col("standard port groups per host are unknown", "Host");
        Col pg = vPort.col("standard port groups per host are unknown", "Port Group", "Portgroup", "Name");
        if (host.missing() || pg.missing()) {
          vPortGap = noColumn("vPort", host.missing() ? "Host" : "Port Group");
        } else {
          for (Row r : vPort.rows()) {
            String h = Table.text(r, host.index());
            String p = Table.text(r, pg.index());
            if (h != null && p != null) inv.existingHost(h).ifPresent(d -> d.portGroups.add(p));
          }
        }
      }
      Table dvPort = Table.find(wb, "dvPort", warnings, null, DVPORT_COLUMNS);
      Cause dvPortGap = dvPort == null ? noTab("dvPort") : null;
      Set<Cause> memberGaps = new LinkedHashSet<>();
      if (dvPort != null) {
        Col port = dvPort.col("distributed port groups are unknown", "Port", "Port Group", "Name");
        Col sw = dvPort.col(null, "Switch");
        if (port.missing()) {
          dvPortGap = noColumn("dvPort", "Port");
        } else {
          Members members = switchMembers();
          for (Row r : dvPort.rows()) {
            String p = Table.text(r, port.index());
            if (p == null) continue;
            String switchName = Table.text(r, sw.index());
            Set<String> hosts = members.hosts().get(switchName);
            if (hosts == null) {
              // Without the switch's member list the port group is offered everywhere, and every
              // host's port groups are marked unknown: a guess that hides no missing port group.
              warnings.add("distributed switch members unknown; its port groups are taken to be on every host", String.valueOf(switchName));
              memberGaps.add(members.gap() != null ? members.gap()
                  : new Cause("tab dvSwitch lists no host of switch \"" + switchName + "\"", "export tab dvSwitch with its \"Host members\" column"));
              inv.hosts().forEach(h -> h.portGroups.add(p));
            } else {
              hosts.forEach(h -> inv.existingHost(h).ifPresent(d -> d.portGroups.add(p)));
            }
          }
        }
      }
      List<Cause> gaps = new ArrayList<>();
      if (vPort == null && dvPort == null) {
        warnings.add("tabs vPort and dvPort missing; each host is given the networks its cluster's VMs use, so network.port-group decides only what the known facts decide");
        gaps.add(new Cause("tabs vPort and dvPort are missing", "export tabs vPort and dvPort too (RVTools: File > Export all to Excel)"));
      } else {
        if (vPortGap != null) gaps.add(vPortGap);
        if (dvPortGap != null) gaps.add(dvPortGap);
        if (!gaps.isEmpty()) {
          warnings.add("standard or distributed port groups per host unknown; each host is also given the networks its cluster's VMs use, "
              + "so network.port-group decides only what the known facts decide");
        }
      }
      gaps.addAll(memberGaps);
      if (gaps.isEmpty()) return;
      Map<String, Set<String>> byCluster = new HashMap<>();
      for (VmDraft v : inv.vms()) {
        String c = clusterOf(v);
        v.nics.forEach(n -> byCluster.computeIfAbsent(c, k -> new TreeSet<>()).add(n.portGroup()));
      }
      for (HostDraft h : listedHosts()) {
        if (vPortGap != null || dvPortGap != null) h.portGroups.addAll(byCluster.getOrDefault(String.valueOf(h.cluster), Set.of()));
        for (Cause c : gaps) unknown(h, "portGroups", c);
      }
    }

    record Members(Map<String, Set<String>> hosts, Cause gap) {}

    /** dvSwitch's "Host members": switch name → host names, when the column lists names. */
    Members switchMembers() {
      Map<String, Set<String>> out = new HashMap<>();
      Table t = Table.find(wb, "dvSwitch", warnings, null, DVSWITCH_COLUMNS);
      if (t == null) return new Members(out, noTab("dvSwitch"));
      Col sw = t.col(null, "Switch", "Name");
      Col members = t.col(null, "Host members", "Hosts");
      if (sw.missing() || members.missing()) return new Members(out, noColumn("dvSwitch", sw.missing() ? "Switch" : "Host members"));
      for (Row r : t.rows()) {
        String name = Table.text(r, sw.index());
        String list = Table.text(r, members.index());
        if (name == null || list == null) continue;
        Set<String> hosts = new TreeSet<>();
        for (String h : list.split("[,;\\n]")) {
          if (inv.existingHost(h.trim()).isPresent()) hosts.add(h.trim());
        }
        if (!hosts.isEmpty()) out.put(name, hosts);
      }
      return new Members(out, null);
    }

    void datastores() {
      Table t = Table.find(wb, "vDatastore", warnings, null, VDATASTORE_COLUMNS);
      Cause mappingGap = t == null ? noTab("vDatastore") : null;
      Set<Cause> cellGaps = new LinkedHashSet<>();
      if (t != null) {
        Col name = t.col("datastores per host come from vMultiPath", "Name", "Datastore");
        Col hosts = t.col("datastores per host come from vMultiPath", "Hosts");
        Col hostCount = t.col(null, "# Hosts");
        if (name.missing() || hosts.missing()) {
          mappingGap = noColumn("vDatastore", name.missing() ? "Name" : "Hosts");
        } else {
          for (Row r : t.rows()) {
            String ds = Table.text(r, name.index());
            if (ds == null) continue;
            Read<String> list = Table.read(r, hosts.index());
            if (list.ok()) {
              for (String h : list.value().split("[,;\\n]")) inv.existingHost(h.trim()).ifPresent(d -> d.datastores.add(ds));
            } else if (list.gap().bad()) {
              cellGaps.add(gap(hosts, list, r));
            } else {
              // An empty host list is a fact for a datastore no host mounts; not when "# Hosts" says otherwise.
              Read<Long> n = t.whole(r, hostCount, Dim.COUNT, 0, 1 << 20);
              if (n.ok() && n.value() > 0) cellGaps.add(cell(hosts, Gap.EMPTY));
            }
          }
        }
      }
      boolean multipath = false;
      Table mp = Table.find(wb, "vMultiPath", warnings, null, VMULTIPATH_COLUMNS);
      if (mp != null) {
        Col host = mp.col(null, "Host");
        Col ds = mp.col(null, "Datastore");
        if (!host.missing() && !ds.missing()) {
          multipath = true;
          for (Row r : mp.rows()) {
            String h = Table.text(r, host.index());
            String d = Table.text(r, ds.index());
            if (h != null && d != null) inv.existingHost(h).ifPresent(x -> x.datastores.add(d));
          }
        }
      }
      List<Cause> gaps = new ArrayList<>();
      if (mappingGap != null) {
        if (!multipath) {
          warnings.add("no datastore-to-host mapping (vDatastore \"Hosts\" or vMultiPath); each host is given the datastores its cluster's VMs use, "
              + "so storage.shared decides only what the known facts decide");
          gaps.add(mp == null && t == null ? new Cause("tabs vDatastore and vMultiPath are missing", "export tab vDatastore too (RVTools: File > Export all to Excel)")
              : mappingGap);
        } else {
          warnings.add("datastores per host come from vMultiPath only (block storage: no NFS or vSAN datastores); each host is also given "
              + "the datastores its cluster's VMs use, so storage.shared decides only what the known facts decide");
          gaps.add(mappingGap);
        }
      }
      gaps.addAll(cellGaps);
      if (gaps.isEmpty()) return;
      Map<String, Set<String>> byCluster = new HashMap<>();
      for (VmDraft v : inv.vms()) byCluster.computeIfAbsent(clusterOf(v), k -> new TreeSet<>()).addAll(v.datastores);
      for (HostDraft h : listedHosts()) {
        if (mappingGap != null) h.datastores.addAll(byCluster.getOrDefault(String.valueOf(h.cluster), Set.of()));
        for (Cause c : gaps) unknown(h, "datastores", c);
      }
    }

    String clusterOf(VmDraft v) {
      if (v.host != null) {
        Optional<HostDraft> h = inv.existingHost(v.host);
        if (h.isPresent()) return String.valueOf(h.get().cluster);
      }
      return String.valueOf(v.cluster);
    }

    /**
     * RVTools does not export which VMkernel adapter carries vMotion. An adapter on a port group
     * whose name contains "vmotion" is taken as the vMotion adapter; its speed is the fastest
     * physical NIC (vNIC) on the same switch (vPort). Being a guess, every host's vmotionNics are
     * marked unknown; hosts without such an adapter get the default one named "unknown".
     */
    void vmotionNics() {
      Table vmk = Table.find(wb, "vSC_VMK", warnings, "vMotion adapters are unknown", VSCVMK_COLUMNS);
      Cause why = new Cause(NO_VMOTION_FLAG,
          "check each host's vMotion adapters in vCenter (Configure > VMkernel adapters) and edit vmotionNics by hand, or import a vSphere dump");
      if (vmk == null) why = noTab("vSC_VMK");
      Col host = vmk == null ? null : vmk.col("vMotion adapters are unknown", "Host");
      Col pg = vmk == null ? null : vmk.col("vMotion adapters are unknown", "Port Group", "Portgroup");
      if (vmk != null && (host.missing() || pg.missing())) why = noColumn("vSC_VMK", host.missing() ? "Host" : "Port Group");
      for (HostDraft d : listedHosts()) unknown(d, "vmotionNics", why);
      if (vmk == null || host.missing() || pg.missing()) return;
      Col device = vmk.col(null, "Device");
      Col mtu = vmk.col(null, "MTU");
      Map<String, String> switchOf = new HashMap<>(); // host + "\0" + port group → switch
      Table vPort = Table.find(wb, "vPort", warnings, null, VPORT_COLUMNS);
      if (vPort != null) {
        int h = vPort.column(null, "Host");
        int p = vPort.column(null, "Port Group", "Portgroup");
        int s = vPort.column(null, "Switch");
        for (Row r : vPort.rows()) switchOf.put(Table.text(r, h) + "\0" + Table.text(r, p), Table.text(r, s));
      }
      Map<String, Long> fastest = new HashMap<>(); // host → its fastest physical NIC
      Map<String, Map<String, Long>> speedBySwitch = new HashMap<>();
      Map<String, String[]> linkBySwitch = new HashMap<>(); // host + "\0" + switch → duplex, link of its fastest NIC
      Table vNic = Table.find(wb, "vNIC", warnings, "vMotion adapter speeds use a default", VNIC_COLUMNS);
      if (vNic != null) {
        int h = vNic.column(null, "Host");
        Col s = vNic.col("vMotion adapter speeds use a default", "Speed");
        int sw = vNic.column(null, "Switch");
        int duplexCol = vNic.column(null, "Duplex");
        for (Row r : vNic.rows()) {
          String hn = Table.text(r, h);
          Read<Double> sp = vNic.quantity(r, s, Dim.LINK, 1, 10_000_000);
          String duplexText = Table.text(r, duplexCol);
          String swName = Table.text(r, sw);
          // A NIC whose link is down shows no speed: if the switch has no NIC with one, its link is taken as down.
          if (hn != null && swName != null) {
            String[] seen = linkBySwitch.get(hn + "\0" + swName);
            boolean up = sp.ok();
            // RVTools writes "Duplex" as True (full) or False (half); some builds as Full or Half.
            String dt = duplexText == null ? "" : duplexText.toLowerCase(Locale.ROOT);
            String dup = dt.startsWith("half") || dt.equals("false") ? "half" : "full";
            if (seen == null || (up && "false".equals(seen[1]))) linkBySwitch.put(hn + "\0" + swName, new String[] {dup, String.valueOf(up)});
          }
          if (hn == null || !sp.ok()) continue;
          long speed = Math.round(sp.value());
          fastest.merge(hn, speed, Math::max);
          String swn = Table.text(r, sw);
          if (swn != null) speedBySwitch.computeIfAbsent(hn, k -> new HashMap<>()).merge(swn, speed, Math::max);
        }
      }
      for (Row r : vmk.rows()) {
        String h = Table.text(r, host.index());
        String p = Table.text(r, pg.index());
        if (h == null || p == null || !p.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "").contains("vmotion")) continue;
        Optional<HostDraft> d = inv.existingHost(h);
        if (d.isEmpty()) continue;
        String sw = switchOf.get(h + "\0" + p);
        Long speed = sw == null ? null : speedBySwitch.getOrDefault(h, Map.of()).get(sw);
        if (speed == null) speed = fastest.get(h);
        if (speed == null) {
          warnings.add("vMotion adapter's uplink speed unknown; assumed 1000 Mbit/s", h);
          speed = 1000L;
        }
        Read<Long> m = vmk.whole(r, mtu, Dim.COUNT, 576, 9216);
        String dev = Optional.ofNullable(Table.text(r, device.index())).orElse("vmk-" + p);
        String[] link = sw == null ? null : linkBySwitch.get(h + "\0" + sw);
        d.get().vmotionNics().add(new HostDraft.NicDraft(dev, speed, m.ok() ? (int) (long) m.value() : null, link == null ? null : link[0],
            link == null ? null : Boolean.valueOf(link[1]), p));
      }
      for (HostDraft d : inv.hosts()) {
        if (d.vmotionNics == null && d.listed) {
          warnings.add("no VMkernel adapter on a port group named like \"vMotion\" in vSC_VMK (RVTools does not export which adapter has the vMotion service)", d.name);
        }
      }
    }
    /** vDisk's "Shared Bus": each VM's SCSI controllers ("Controller") and their bus sharing. */
    void busSharing(Table t) {
      Col vm = t.col(null, "VM");
      Col uuid = t.col(null, "VM UUID");
      Col controller = t.col(null, "Controller");
      Col shared = t.col("SCSI bus sharing is unknown", "Shared Bus");
      if (vm.missing() || shared.missing()) {
        busSharingGap = noColumn("vDisk", shared.missing() ? "Shared Bus" : "VM");
        return;
      }
      for (Row r : t.rows()) {
        VmDraft d = vmOf(r, vm, uuid);
        if (d == null) continue;
        String c = Optional.ofNullable(Table.text(r, controller.index())).orElse("SCSI controller");
        if (!c.toLowerCase(Locale.ROOT).contains("scsi")) continue;
        String v = Optional.ofNullable(Table.text(r, shared.index())).orElse("").toLowerCase(Locale.ROOT);
        String sharing = v.contains("physical") ? "physical" : v.contains("virtual") ? "virtual" : "none";
        d.scsiControllers.merge(c, sharing, (a, b) -> a.equals("none") ? b : a);
      }
    }

    /** The facts of vCenter parity: devices, bus sharing, Fault Tolerance, DRS rules, and the gaps RVTools always has. */
    void parity() {
      removable("vCD", "cdrom");
      removable("vFloppy", "floppy");
      usb();
      for (VmDraft d : inv.vms()) {
        if (busSharingGap != null) unknown(d, "scsiControllers", busSharingGap);
        for (String part : List.of("devices.serial", "devices.parallel", "devices.pci-passthrough", "devices.dynamic-directpath", "devices.sriov",
            "devices.vgpu")) {
          unknown(d, part, new Cause(NO_PORTS_OR_PCI, FIX_DUMP));
        }
        unknown(d, "cpuAffinity", new Cause(NO_AFFINITY, FIX_DUMP));
        unknown(d, "memoryAffinity", new Cause(NO_AFFINITY, FIX_DUMP));
      }
      for (HostDraft h : inv.hosts()) unknown(h, "gpuProfiles", new Cause(NO_GPU_PROFILES, FIX_DUMP));
      inv.vgpuHotMigrateUnknown(NO_VCENTER_SETTINGS, "set \"vcenter\": {\"vgpuHotMigrate\": ...} by hand (vCenter > Configure > Advanced Settings), or import a vSphere dump with it");
      faultTolerance();
      clusterRules();
    }

    /**
     * A tab of CD-ROM (vCD) or floppy (vFloppy) drives: one row per drive, "Connected" and the
     * backing from "Device Type". The values RVTools writes there are not documented; an image
     * path ("[datastore] iso/x.iso"), "client" and "host" are read, anything else leaves the VM's
     * drives of that type unknown.
     */
    void removable(String tab, String type) {
      Table t = Table.find(wb, tab, warnings, type + " drives are unknown", VCD_COLUMNS);
      // RVTools 4 has no vFloppy tab (RVTools 3 had one): there no export can say.
      Cause all = t == null ? (tab.equals("vFloppy") ? new Cause("tab vFloppy is missing (RVTools 4 exports no floppy drives)", FIX_DUMP) : noTab(tab)) : null;
      if (t != null) {
        Col vm = t.col(null, "VM");
        Col uuid = t.col(null, "VM UUID");
        Col node = t.col(null, "Device Node", "Label");
        Col connected = t.col(null, "Connected");
        Col kind = t.col(null, "Device Type");
        if (vm.missing() || connected.missing() || kind.missing()) {
          all = noColumn(tab, vm.missing() ? "VM" : connected.missing() ? "Connected" : "Device Type");
        } else {
          for (Row r : t.rows()) {
            VmDraft d = vmOf(r, vm, uuid);
            if (d == null) continue;
            Read<Boolean> on = Table.boolRead(r, connected.index());
            Read<String> k = Table.read(r, kind.index());
            String backing = k.ok() ? backing(k.value()) : null;
            if (!on.ok() || backing == null) {
              Col bad = !on.ok() ? connected : kind;
              Read<?> read = !on.ok() ? on : k.ok() ? Read.gap(Gap.NOT_UNDERSTOOD, k.value()) : k;
              unknown(d, "devices." + type, gap(bad, read, r));
              continue;
            }
            String ds = backing.equals("datastore") ? datastore(k.value()) : null;
            d.devices.add(new VmDraft.Device(type, Table.text(r, node.index()), null, backing, on.value(), ds, null));
          }
        }
      }
      if (all != null) for (VmDraft d : inv.vms()) unknown(d, "devices." + type, all);
    }

    /** vUSB: one row per USB device of a VM, "Connected" and whether it is a client's ("Device Type"). */
    void usb() {
      Table t = Table.find(wb, "vUSB", warnings, "USB devices are unknown", VUSB_COLUMNS);
      Cause all = t == null ? noTab("vUSB") : null;
      if (t != null) {
        Col vm = t.col(null, "VM");
        Col uuid = t.col(null, "VM UUID");
        Col node = t.col(null, "Device Node", "Label");
        Col connected = t.col(null, "Connected");
        Col kind = t.col(null, "Device Type");
        if (vm.missing() || connected.missing()) {
          all = noColumn("vUSB", vm.missing() ? "VM" : "Connected");
        } else {
          for (Row r : t.rows()) {
            VmDraft d = vmOf(r, vm, uuid);
            if (d == null) continue;
            Read<Boolean> on = Table.boolRead(r, connected.index());
            if (!on.ok()) {
              unknown(d, "devices.usb", gap(connected, on, r));
              continue;
            }
            String k = Optional.ofNullable(Table.text(r, kind.index())).orElse("").toLowerCase(Locale.ROOT);
            String backing = k.contains("client") || k.contains("remote") ? "client" : "host";
            d.devices.add(new VmDraft.Device("usb", Table.text(r, node.index()), null, backing, on.value(), null, null));
          }
        }
      }
      if (all != null) for (VmDraft d : inv.vms()) unknown(d, "devices.usb", all);
    }

    /**
     * vInfo "FT State" (vSphere's faultToleranceState: notConfigured, disabled, enabled,
     * needSecondary, starting, running) and "FT Role" (FtInfo.role: 1 is the primary). RVTools names
     * no partner host; where the two VMs of a pair are both rows under one name, each one's host
     * is the other's partner, else the partner is unknown.
     */
    void faultTolerance() {
      if (vInfo == null) return;
      Map<String, List<VmDraft>> pairs = new HashMap<>();
      for (Map.Entry<VmDraft, Row> e : vInfoRows.entrySet()) {
        VmDraft d = e.getKey();
        if (ftState.missing()) {
          unknown(d, "ft", noColumn("vInfo", "FT State"));
          continue;
        }
        String state = Optional.ofNullable(Table.text(e.getValue(), ftState.index())).orElse("").toLowerCase(Locale.ROOT).replace(" ", "");
        if (state.isEmpty() || state.equals("notconfigured") || state.equals("disabled") || state.equals("n/a")) continue;
        String role = Optional.ofNullable(Table.text(e.getValue(), ftRole.index())).orElse("").toLowerCase(Locale.ROOT);
        d.ftRole = role.startsWith("2") || role.startsWith("3") || role.contains("secondary") ? "secondary" : "primary";
        pairs.computeIfAbsent(originalNames.get(d), k -> new ArrayList<>()).add(d);
      }
      for (List<VmDraft> pair : pairs.values()) {
        for (VmDraft d : pair) {
          VmDraft other = pair.size() == 2 ? pair.get(pair.get(0) == d ? 1 : 0) : null;
          if (other != null && other.host != null && !other.host.equals(d.host)) d.ftPartnerHost = other.host;
          else unknown(d, "ft", new Cause("RVTools' vInfo gives a VM's Fault Tolerance role but not the host of the other VM of its pair",
              "set ft.partnerHost by hand, or import a vSphere dump (Config.FtInfo)"));
        }
      }
    }

    /**
     * vInfo "Cluster rule(s)" and "Cluster rule name(s)" name the DRS rules that cover a VM, but
     * RVTools exports no DRS groups, host groups or rule kinds that the rules would need: a VM they
     * name has unknown DRS rules; a VM with both columns empty is in no rule.
     */
    void clusterRules() {
      if (vInfo == null) return;
      for (Map.Entry<VmDraft, Row> e : vInfoRows.entrySet()) {
        VmDraft d = e.getKey();
        if (ruleTypes.missing() && ruleNames.missing()) {
          unknown(d, "clusterRules", noColumn("vInfo", "Cluster rule(s)"));
          continue;
        }
        String kinds = Table.text(e.getValue(), ruleTypes.index());
        String names = Table.text(e.getValue(), ruleNames.index());
        if (kinds == null && names == null) continue;
        unknown(d, "clusterRules", new Cause("RVTools' vInfo names a VM's DRS rules but exports no DRS groups, host groups or rule definitions",
            "import a vSphere dump (ClusterComputeResource.ConfigurationEx), or write the cluster's rules in \"clusters\" by hand"));
      }
    }
  }

  private static String key(String uuid, String name) {
    return uuid != null ? "uuid:" + uuid.toLowerCase(Locale.ROOT) : "name:" + name;
  }

  /**
   * The backing of a CD-ROM or floppy drive from RVTools' "Device Type": an image path names its
   * datastore ("[iso-lib] linux/rhel9.iso"); "client"/"remote" is a device of the console client;
   * "host", "passthru", "atapi" or a /vmfs/devices path a device of the host; "none"/"empty" nothing.
   */
  static String backing(String deviceType) {
    String t = deviceType.trim().toLowerCase(Locale.ROOT);
    if (datastore(deviceType) != null) return "datastore";
    if (t.contains("client") || t.contains("remote")) return "client";
    if (t.contains("host") || t.contains("passthru") || t.contains("passthrough") || t.contains("atapi") || t.startsWith("/vmfs/devices")) return "host";
    if (t.equals("none") || t.equals("empty") || t.equals("-")) return "none";
    return null;
  }

  /** "[datastore1] vm/vm.vmdk" → "datastore1". */
  static String datastore(String path) {
    if (path == null) return null;
    Matcher m = DATASTORE_PATH.matcher(path);
    return m.find() && !m.group(1).isBlank() ? m.group(1).trim() : null;
  }
}
