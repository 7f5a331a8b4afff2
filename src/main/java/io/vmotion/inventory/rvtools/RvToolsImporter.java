package io.vmotion.inventory.rvtools;

import io.vmotion.inventory.InvalidInputException;
import io.vmotion.inventory.imports.CpuModels;
import io.vmotion.inventory.imports.EvcCatalog;
import io.vmotion.inventory.imports.HostDraft;
import io.vmotion.inventory.imports.ImportResult;
import io.vmotion.inventory.imports.ImportedInventory;
import io.vmotion.inventory.imports.VmDraft;
import io.vmotion.inventory.imports.Warnings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * vMotion adapters from vSC_VMK and vNIC. Real exports are incomplete: every missing tab or column
 * and every default used is reported once as a warning; the import never fails on a workbook that
 * opens. docs/importing.md maps each field to its source.
 */
public final class RvToolsImporter {

  private static final Pattern DATASTORE_PATH = Pattern.compile("^\\s*\\[([^\\]]+)\\]");
  private static final Pattern HW_VERSION = Pattern.compile("(?i)^\\s*(?:vmx-)?(\\d{1,2})\\s*$");

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
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
      throw InvalidInputException.of(name, "cannot be opened as an Excel workbook: " + why);
    }
  }

  ImportResult read(Workbook wb, Warnings warnings) {
    ImportedInventory inv = new ImportedInventory(warnings, evc, "tab vHost");
    Map<String, String> hostLicense = new HashMap<>();
    Table vHost = Table.find(wb, "vHost", warnings, "hosts are known only by the VMs on them, with defaults");
    if (vHost != null) hosts(vHost, inv, hostLicense);
    licenses(wb, inv, warnings);

    Table vInfo = Table.find(wb, "vInfo", warnings, "no VMs imported");
    Map<String, VmDraft> byKey = new HashMap<>();
    Set<String> skippedKeys = new HashSet<>();
    if (vInfo != null) vms(vInfo, inv, byKey, skippedKeys, wb, warnings);
    reservations(wb, byKey, skippedKeys, warnings);
    disks(wb, byKey, skippedKeys, warnings);
    networks(wb, vInfo, byKey, skippedKeys, warnings);
    inv.addMissingHosts(); // so that port groups and datastores shared by a cluster reach them too
    portGroups(wb, inv, warnings);
    datastores(wb, inv, warnings);
    vmotionNics(wb, inv, warnings);
    return inv.build();
  }

  // ---- hosts ----

  private void hosts(Table t, ImportedInventory inv, Map<String, String> hostLicense) {
    int host = t.column("hosts cannot be read", "Host", "Name");
    if (host < 0) return;
    int cluster = t.column("hosts have no cluster", "Cluster");
    int version = t.column("ESXi versions use a default", "ESX Version", "ESXi Version", "Version");
    int cpuModel = t.column("CPU generations are unknown", "CPU Model");
    int speed = t.column("CPU speed uses a default", "Speed", "Speed (MHz)", "CPU Speed");
    int sockets = t.column(null, "# CPU", "CPUs", "# CPUs");
    int coresPerCpu = t.column(null, "Cores per CPU");
    int cores = t.column(null, "# Cores", "Cores");
    if (cores < 0 && (sockets < 0 || coresPerCpu < 0)) t.column("core counts use defaults", "# Cores");
    int ht = t.column("threads are taken as equal to cores", "HT Active");
    int memory = t.column("host memory uses a default", "# Memory", "Memory", "# Memory (GiB)", "Memory GiB", "# Memory GiB");
    boolean memoryGib = Optional.ofNullable(t.header("# Memory", "Memory", "# Memory (GiB)", "Memory GiB", "# Memory GiB"))
        .map(h -> h.toLowerCase(Locale.ROOT).contains("gib") || h.toLowerCase(Locale.ROOT).contains("gb")).orElse(false);
    int maintenance = t.column("maintenance mode is taken as off", "in Maintenance Mode", "Maintenance Mode");
    int connection = t.column(null, "Connection state", "Connection State");
    int currentEvc = t.column("hosts' EVC modes are unknown", "Current EVC", "Current EVC Mode");
    int maxEvc = t.column("CPU features come from the CPU model table", "Max EVC", "Max EVC Mode");
    int license = t.column(null, "Assigned License(s)", "Assigned License", "License");

    for (Row r : t.rows()) {
      String name = Table.text(r, host);
      if (name == null) continue;
      HostDraft d = inv.host(name);
      d.cluster = Table.text(r, cluster);
      d.version = ImportedInventory.esxiVersion(Table.text(r, version));
      String model = Table.text(r, cpuModel);
      d.vendor = CpuModels.vendor(model);
      Long mhz = Table.whole(r, speed);
      if (mhz != null && mhz > 0) d.mhz = (int) Math.min(100_000, mhz);
      Long c = Table.whole(r, cores);
      if (c == null && Table.whole(r, sockets) != null && Table.whole(r, coresPerCpu) != null) {
        c = Table.whole(r, sockets) * Table.whole(r, coresPerCpu);
      }
      if (c != null && c > 0) {
        d.cores = (int) Math.min(1 << 16, c);
        Boolean htActive = Table.bool(r, ht);
        d.threads = Boolean.TRUE.equals(htActive) ? d.cores * 2 : d.cores;
      }
      Double mem = Table.number(r, memory);
      if (mem != null && mem > 0) d.memoryMb = Math.round(memoryGib ? mem * 1024 : mem);
      d.maintenanceMode = Table.bool(r, maintenance);
      String state = Table.text(r, connection);
      if (state != null) {
        String s = state.toLowerCase(Locale.ROOT).replace(" ", "");
        d.state = s.startsWith("disconnected") ? "disconnected" : s.startsWith("notresponding") ? "notResponding" : "connected";
      }
      String current = Table.text(r, currentEvc);
      if (current != null) {
        String key = evc.normalize(current);
        if (key != null) d.evcMode = key;
        else if (!List.of("", "n/a", "disabled", "none").contains(current.toLowerCase(Locale.ROOT))) {
          inv.warnings().add("current EVC mode \"" + current + "\" unknown to rules/data/evc-baselines.json; left out", name);
        }
      }
      Optional<CpuModels.Generation> gen = CpuModels.builtin().find(model);
      gen.ifPresent(g -> {
        d.family = g.family();
        d.model = g.model();
      });
      String max = evc.normalize(Table.text(r, maxEvc));
      if (max != null) {
        d.features = new TreeSet<>(evc.features().get(max));
        if (d.vendor == null) d.vendor = evc.vendors().get(max);
      } else if (gen.isPresent() && evc.knows(gen.get().evc())) {
        d.features = new TreeSet<>(evc.features().get(gen.get().evc()));
        if (maxEvc >= 0) inv.warnings().add("\"Max EVC\" empty; CPU features from the CPU model table", name);
      } else if (model != null) {
        inv.warnings().add("CPU model not in the CPU model table and no \"Max EVC\"", name + " (" + model + ")");
      }
      d.license = Licenses.firstEdition(Table.text(r, license));
    }
  }

  /** Hosts without an assigned license take the workbook's only vSphere edition, when there is exactly one. */
  private void licenses(Workbook wb, ImportedInventory inv, Warnings warnings) {
    boolean anyMissing = inv.hosts().stream().anyMatch(h -> h.license == null);
    if (!anyMissing) return;
    Table t = Table.find(wb, "vLicense", warnings, "host licenses are unknown");
    if (t == null) return;
    int name = t.column("host licenses are unknown", "Name", "License", "Product");
    if (name < 0) return;
    Set<String> editions = new LinkedHashSet<>();
    for (Row r : t.rows()) {
      String e = Licenses.edition(Table.text(r, name));
      if (e != null) editions.add(e);
    }
    if (editions.size() == 1) {
      String edition = editions.iterator().next();
      for (HostDraft h : inv.hosts()) {
        if (h.license == null) {
          h.license = edition;
          warnings.add("no license assigned in vHost; the workbook's only vSphere edition in vLicense (" + edition + ") is used", h.name);
        }
      }
    } else if (editions.size() > 1) {
      warnings.add("tab vLicense lists several vSphere editions (" + String.join(", ", editions)
          + ") and vHost does not say which host has which");
    }
  }

  // ---- VMs ----

  private void vms(Table t, ImportedInventory inv, Map<String, VmDraft> byKey, Set<String> skipped, Workbook wb, Warnings warnings) {
    int vm = t.column("VMs cannot be read", "VM", "Name", "VM Name");
    if (vm < 0) return;
    int uuid = t.column(null, "VM UUID", "UUID");
    int power = t.column("power states use a default", "Powerstate", "Power State");
    int template = t.column(null, "Template");
    int srm = t.column(null, "SRM Placeholder");
    int host = t.column("VMs have no host", "Host");
    int cluster = t.column(null, "Cluster");
    int hw = t.column("hardware versions use a default", "HW version", "VM Version", "Hardware version");
    int guestId = t.column(null, "Guest ID", "GuestId", "Guest OS ID", "OS ID");
    int osConfig = guestId >= 0 ? -1 : t.column("guest OS ids use a default", "OS according to the configuration file", "OS");
    int osTools = t.column(null, "OS according to the VMware Tools");
    int cpus = t.column("vCPU counts use a default", "CPUs", "Num CPU", "vCPUs");
    int memory = t.column("VM memory uses a default", "Memory", "Memory MiB", "Memory MB");
    int minEvc = t.column("VMs are taken to use their host's CPU features", "min Required EVC Mode Key", "EVC Mode");
    int templates = 0;
    int placeholders = 0;
    for (Row r : t.rows()) {
      String name = Table.text(r, vm);
      if (name == null) continue;
      String key = key(Table.text(r, uuid), name);
      if (Boolean.TRUE.equals(Table.bool(r, template))) {
        templates++;
        skipped.add(key);
        continue;
      }
      if (Boolean.TRUE.equals(Table.bool(r, srm))) {
        placeholders++;
        skipped.add(key);
        continue;
      }
      VmDraft d = inv.addVm(name);
      byKey.put(key, d);
      byKey.putIfAbsent(key(null, name), d);
      d.host = Table.text(r, host);
      d.cluster = Table.text(r, cluster);
      String ps = Table.text(r, power);
      if (ps != null) {
        String p = ps.toLowerCase(Locale.ROOT).replace(" ", "");
        d.powerState = p.equals("poweredon") ? "poweredOn" : p.equals("poweredoff") ? "poweredOff" : p.equals("suspended") ? "suspended" : null;
      }
      String hwText = Table.text(r, hw);
      if (hwText != null) {
        Matcher m = HW_VERSION.matcher(hwText);
        if (m.matches()) d.hardwareVersion = Integer.parseInt(m.group(1));
        else warnings.add("hardware version \"" + hwText + "\" not understood", name);
      }
      String os = guestId >= 0 ? Table.text(r, guestId) : Table.text(r, osConfig);
      if (os == null) os = Table.text(r, osTools);
      if (os != null) {
        Optional<String> id = guests.id(os);
        if (id.isPresent()) d.guestOs = id.get();
        else warnings.add("guest OS \"" + os + "\" has no known guest id; set to \"otherGuest\", so vm.guest-os does not check it", name);
        if (id.isEmpty()) d.guestOs = "otherGuest";
      }
      Long n = Table.whole(r, cpus);
      if (n != null && n > 0) d.vcpus = (int) Math.min(768, n);
      Long mem = Table.whole(r, memory);
      if (mem != null && mem >= 0) d.memoryMb = mem;
      String evcKey = Table.text(r, minEvc);
      if (evcKey != null) {
        String k = evc.normalize(evcKey);
        if (k != null) d.cpuFeatures = new TreeSet<>(evc.features().get(k));
        else if (!List.of("n/a", "none", "disabled").contains(evcKey.toLowerCase(Locale.ROOT))) {
          warnings.add("min required EVC mode \"" + evcKey + "\" unknown to rules/data/evc-baselines.json; the VM is taken to use its host's features", name);
        }
      }
    }
    if (templates > 0) warnings.add(templates + " template(s) skipped: templates cannot be powered on or vMotioned");
    if (placeholders > 0) warnings.add(placeholders + " SRM placeholder VM(s) skipped: they are not running VMs");
  }

  private static String key(String uuid, String name) {
    return uuid != null ? "uuid:" + uuid.toLowerCase(Locale.ROOT) : "name:" + name;
  }

  /** The VM a row of vCPU, vMemory, vDisk or vNetwork describes: by VM UUID when both tabs have it, else by name. */
  private static VmDraft vmOf(Row r, int vm, int uuid, Map<String, VmDraft> byKey, Set<String> skipped) {
    String name = Table.text(r, vm);
    if (name == null) return null;
    String u = Table.text(r, uuid);
    if (u != null) {
      if (skipped.contains(key(u, name))) return null;
      VmDraft d = byKey.get(key(u, name));
      if (d != null) return d;
    }
    if (skipped.contains(key(null, name))) return null;
    return byKey.get(key(null, name));
  }

  private void reservations(Workbook wb, Map<String, VmDraft> byKey, Set<String> skipped, Warnings warnings) {
    Table cpu = Table.find(wb, "vCPU", warnings, "CPU reservations are taken as none");
    if (cpu != null) {
      int vm = cpu.column("CPU reservations are taken as none", "VM");
      int uuid = cpu.column(null, "VM UUID");
      int res = cpu.column("CPU reservations are taken as none", "Reservation");
      if (vm >= 0 && res >= 0) {
        for (Row r : cpu.rows()) {
          VmDraft d = vmOf(r, vm, uuid, byKey, skipped);
          Long v = Table.whole(r, res);
          if (d != null && v != null && v > 0) d.cpuReservationMhz = v;
        }
      }
    }
    Table mem = Table.find(wb, "vMemory", warnings, "memory reservations are taken as none");
    if (mem != null) {
      int vm = mem.column("memory reservations are taken as none", "VM");
      int uuid = mem.column(null, "VM UUID");
      int res = mem.column("memory reservations are taken as none", "Reservation");
      int size = mem.column(null, "Size MiB", "Size MB", "Size");
      if (vm >= 0) {
        for (Row r : mem.rows()) {
          VmDraft d = vmOf(r, vm, uuid, byKey, skipped);
          if (d == null) continue;
          Long v = Table.whole(r, res);
          if (v != null && v > 0) d.memoryReservationMb = v;
          Long s = Table.whole(r, size);
          if (d.memoryMb == null && s != null && s >= 0) d.memoryMb = s;
        }
      }
    }
  }

  private void disks(Workbook wb, Map<String, VmDraft> byKey, Set<String> skipped, Warnings warnings) {
    Table t = Table.find(wb, "vDisk", warnings, "VM datastores come from vInfo's Path only");
    if (t == null) return;
    int vm = t.column("VM datastores come from vInfo's Path only", "VM");
    int uuid = t.column(null, "VM UUID");
    int path = t.column("VM datastores come from vInfo's Path only", "Path", "Disk Path", "Filename", "File Name");
    if (vm < 0 || path < 0) return;
    for (Row r : t.rows()) {
      VmDraft d = vmOf(r, vm, uuid, byKey, skipped);
      String ds = datastore(Table.text(r, path));
      if (d != null && ds != null) d.datastores.add(ds);
    }
  }

  /** "[datastore1] vm/vm.vmdk" → "datastore1". */
  static String datastore(String path) {
    if (path == null) return null;
    Matcher m = DATASTORE_PATH.matcher(path);
    return m.find() && !m.group(1).isBlank() ? m.group(1).trim() : null;
  }

  private void networks(Workbook wb, Table vInfo, Map<String, VmDraft> byKey, Set<String> skipped, Warnings warnings) {
    // vInfo's "Path" (the .vmx) names the VM's home datastore whatever vDisk says.
    if (vInfo != null) {
      int vm = vInfo.column(null, "VM", "Name", "VM Name");
      int uuid = vInfo.column(null, "VM UUID", "UUID");
      int path = vInfo.column(null, "Path");
      if (vm >= 0 && path >= 0) {
        for (Row r : vInfo.rows()) {
          VmDraft d = vmOf(r, vm, uuid, byKey, skipped);
          String ds = datastore(Table.text(r, path));
          if (d != null && ds != null) d.datastores.add(ds);
        }
      }
    }
    Table t = Table.find(wb, "vNetwork", warnings, "VM networks come from vInfo's \"Network #1..#8\" columns, without MAC addresses");
    if (t != null) {
      int vm = t.column("VM networks come from vInfo", "VM");
      int uuid = t.column(null, "VM UUID");
      int network = t.column("VM networks come from vInfo", "Network", "Port Group", "Portgroup");
      int mac = t.column(null, "Mac Address", "MAC", "MAC Address");
      if (vm >= 0 && network >= 0) {
        for (Row r : t.rows()) {
          VmDraft d = vmOf(r, vm, uuid, byKey, skipped);
          String pg = Table.text(r, network);
          if (d != null && pg != null) d.nics.add(new VmDraft.Nic(pg, Table.text(r, mac)));
        }
      }
    }
    // VMs that vNetwork does not list (or all, without it) take vInfo's "Network #N" columns.
    if (vInfo == null) return;
    int vm = vInfo.column(null, "VM", "Name", "VM Name");
    int uuid = vInfo.column(null, "VM UUID", "UUID");
    List<Integer> cols = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      int c = vInfo.column(null, "Network #" + i);
      if (c >= 0) cols.add(c);
    }
    if (cols.isEmpty()) {
      if (t == null) warnings.add("tab vInfo: no \"Network #1\" columns either; VMs have no networks, so network.port-group is not checked");
      return;
    }
    Set<VmDraft> listed = new HashSet<>();
    byKey.values().stream().filter(d -> !d.nics.isEmpty()).forEach(listed::add);
    for (Row r : vInfo.rows()) {
      VmDraft d = vmOf(r, vm, uuid, byKey, skipped);
      if (d == null || listed.contains(d)) continue;
      for (int c : cols) {
        String pg = Table.text(r, c);
        if (pg != null) d.nics.add(new VmDraft.Nic(pg, null));
      }
    }
  }

  // ---- what hosts offer ----

  private void portGroups(Workbook wb, ImportedInventory inv, Warnings warnings) {
    boolean any = false;
    Table vPort = Table.find(wb, "vPort", warnings, null);
    if (vPort != null) {
      int host = vPort.column("standard port groups per host are unknown", "Host");
      int pg = vPort.column("standard port groups per host are unknown", "Port Group", "Portgroup", "Name");
      if (host >= 0 && pg >= 0) {
        any = true;
        for (Row r : vPort.rows()) {
          String h = Table.text(r, host);
          String p = Table.text(r, pg);
          if (h != null && p != null) inv.existingHost(h).ifPresent(d -> d.portGroups.add(p));
        }
      }
    }
    Table dvPort = Table.find(wb, "dvPort", warnings, null);
    if (dvPort != null) {
      int port = dvPort.column("distributed port groups are unknown", "Port", "Port Group", "Name");
      int sw = dvPort.column(null, "Switch");
      if (port >= 0) {
        any = true;
        Map<String, Set<String>> members = switchMembers(wb, inv, warnings);
        for (Row r : dvPort.rows()) {
          String p = Table.text(r, port);
          if (p == null) continue;
          Set<String> hosts = members.get(Table.text(r, sw));
          if (hosts == null) {
            // Without dvSwitch's member list the port group is offered everywhere: a guess that
            // hides a missing distributed port group rather than inventing one on every move.
            warnings.add("distributed switch members unknown; its port groups are taken to be on every host", String.valueOf(Table.text(r, sw)));
            inv.hosts().forEach(h -> h.portGroups.add(p));
          } else {
            hosts.forEach(h -> inv.existingHost(h).ifPresent(d -> d.portGroups.add(p)));
          }
        }
      }
    }
    if (!any) {
      warnings.add("tabs vPort and dvPort missing; each host is given the networks its cluster's VMs use, so network.port-group is not checked");
      Map<String, Set<String>> byCluster = new HashMap<>();
      for (VmDraft v : inv.vms()) {
        String c = clusterOf(inv, v);
        v.nics.forEach(n -> byCluster.computeIfAbsent(c, k -> new TreeSet<>()).add(n.portGroup()));
      }
      inv.hosts().forEach(h -> h.portGroups.addAll(byCluster.getOrDefault(String.valueOf(h.cluster), Set.of())));
    }
  }

  /** dvSwitch's "Host members": switch name → host names, when the column lists names. */
  private Map<String, Set<String>> switchMembers(Workbook wb, ImportedInventory inv, Warnings warnings) {
    Map<String, Set<String>> out = new HashMap<>();
    Table t = Table.find(wb, "dvSwitch", warnings, null);
    if (t == null) return out;
    int sw = t.column(null, "Switch", "Name");
    int members = t.column(null, "Host members", "Hosts");
    if (sw < 0 || members < 0) return out;
    for (Row r : t.rows()) {
      String name = Table.text(r, sw);
      String list = Table.text(r, members);
      if (name == null || list == null) continue;
      Set<String> hosts = new TreeSet<>();
      for (String h : list.split("[,;\\n]")) {
        if (inv.existingHost(h.trim()).isPresent()) hosts.add(h.trim());
      }
      if (!hosts.isEmpty()) out.put(name, hosts);
    }
    return out;
  }

  private void datastores(Workbook wb, ImportedInventory inv, Warnings warnings) {
    boolean any = false;
    Table t = Table.find(wb, "vDatastore", warnings, null);
    if (t != null) {
      int name = t.column("datastores per host come from vMultiPath", "Name", "Datastore");
      int hosts = t.column("datastores per host come from vMultiPath", "Hosts");
      if (name >= 0 && hosts >= 0) {
        any = true;
        for (Row r : t.rows()) {
          String ds = Table.text(r, name);
          String list = Table.text(r, hosts);
          if (ds == null || list == null) continue;
          for (String h : list.split("[,;\\n]")) inv.existingHost(h.trim()).ifPresent(d -> d.datastores.add(ds));
        }
      }
    }
    Table mp = Table.find(wb, "vMultiPath", warnings, null);
    if (mp != null) {
      int host = mp.column(null, "Host");
      int ds = mp.column(null, "Datastore");
      if (host >= 0 && ds >= 0) {
        any = true;
        for (Row r : mp.rows()) {
          String h = Table.text(r, host);
          String d = Table.text(r, ds);
          if (h != null && d != null) inv.existingHost(h).ifPresent(x -> x.datastores.add(d));
        }
      }
    }
    if (!any) {
      warnings.add("no datastore-to-host mapping (vDatastore \"Hosts\" or vMultiPath); each host is given the datastores its cluster's VMs use, so storage.shared is not checked");
      Map<String, Set<String>> byCluster = new HashMap<>();
      for (VmDraft v : inv.vms()) byCluster.computeIfAbsent(clusterOf(inv, v), k -> new TreeSet<>()).addAll(v.datastores);
      inv.hosts().forEach(h -> h.datastores.addAll(byCluster.getOrDefault(String.valueOf(h.cluster), Set.of())));
    }
  }

  private static String clusterOf(ImportedInventory inv, VmDraft v) {
    if (v.host != null) {
      Optional<HostDraft> h = inv.existingHost(v.host);
      if (h.isPresent()) return String.valueOf(h.get().cluster);
    }
    return String.valueOf(v.cluster);
  }

  /**
   * RVTools does not export which VMkernel adapter carries vMotion. An adapter on a port group
   * whose name contains "vmotion" is taken as the vMotion adapter; its speed is the fastest
   * physical NIC (vNIC) on the same switch (vPort). Hosts without one keep "unknown" (a default
   * with a warning).
   */
  private void vmotionNics(Workbook wb, ImportedInventory inv, Warnings warnings) {
    Table vmk = Table.find(wb, "vSC_VMK", warnings, "vMotion adapters are unknown");
    if (vmk == null) return;
    int host = vmk.column("vMotion adapters are unknown", "Host");
    int pg = vmk.column("vMotion adapters are unknown", "Port Group", "Portgroup");
    int device = vmk.column(null, "Device");
    int mtu = vmk.column(null, "MTU");
    if (host < 0 || pg < 0) return;
    Map<String, String> switchOf = new HashMap<>(); // host + "\0" + port group → switch
    Table vPort = Table.find(wb, "vPort", warnings, null);
    if (vPort != null) {
      int h = vPort.column(null, "Host");
      int p = vPort.column(null, "Port Group", "Portgroup");
      int s = vPort.column(null, "Switch");
      for (Row r : vPort.rows()) switchOf.put(Table.text(r, h) + "\0" + Table.text(r, p), Table.text(r, s));
    }
    Map<String, Long> fastest = new HashMap<>(); // host → its fastest physical NIC
    Map<String, Map<String, Long>> speedBySwitch = new HashMap<>();
    Table vNic = Table.find(wb, "vNIC", warnings, "vMotion adapter speeds use a default");
    if (vNic != null) {
      int h = vNic.column(null, "Host");
      int s = vNic.column("vMotion adapter speeds use a default", "Speed");
      int sw = vNic.column(null, "Switch");
      for (Row r : vNic.rows()) {
        String hn = Table.text(r, h);
        Long sp = Table.whole(r, s);
        if (hn == null || sp == null || sp <= 0) continue;
        fastest.merge(hn, sp, Math::max);
        String swn = Table.text(r, sw);
        if (swn != null) speedBySwitch.computeIfAbsent(hn, k -> new HashMap<>()).merge(swn, sp, Math::max);
      }
    }
    for (Row r : vmk.rows()) {
      String h = Table.text(r, host);
      String p = Table.text(r, pg);
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
      Long m = Table.whole(r, mtu);
      String dev = Optional.ofNullable(Table.text(r, device)).orElse("vmk-" + p);
      d.get().vmotionNics().add(new HostDraft.NicDraft(dev, speed, m == null ? null : (int) (long) m));
    }
    for (HostDraft d : inv.hosts()) {
      if (d.vmotionNics == null && d.listed) {
        warnings.add("no VMkernel adapter on a port group named like \"vMotion\" in vSC_VMK (RVTools does not export which adapter has the vMotion service)", d.name);
      }
    }
  }
}
