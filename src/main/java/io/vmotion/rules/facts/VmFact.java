package io.vmotion.rules.facts;

import io.vmotion.inventory.Vm;
import io.vmotion.inventory.ScsiController;
import io.vmotion.inventory.VmDevice;
import java.util.Collection;
import java.util.List;
import io.vmotion.inventory.VmNic;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** A VM as rules see it, with the CPU features it was powered on with already resolved. */
public final class VmFact {

  private final Vm vm;
  private final Set<String> cpuFeatures;
  private final Set<String> datastores;
  private final Set<String> portGroups;
  /** The vendor of the VM's CPU requirement; null only where neither the VM nor its host says. */
  private final String cpuVendor;
  /** Whether the features, and the vendor, are the VM's own rather than read off its current host. */
  private final boolean ownFeatures;
  private final boolean ownVendor;
  /** The DRS rules that cover the VM and vCenter's settings; {@link VmContext#NONE} until the planner gives them. */
  private final VmContext context;

  /** A VM with features of its own, and the vendor they belong to ({@code ownVendor}: not its host's). */
  public VmFact(Vm vm, Set<String> cpuFeatures, String cpuVendor, boolean ownVendor) {
    this(vm, Collections.unmodifiableSet(new TreeSet<>(cpuFeatures)), cpuVendor, true, ownVendor);
  }

  /** A VM with features of its own whose vendor is given. */
  public VmFact(Vm vm, Set<String> cpuFeatures, String cpuVendor) {
    this(vm, cpuFeatures, cpuVendor, true);
  }

  /**
   * A VM that uses its host's effective features: shares that (sorted, unmodifiable) set rather
   * than copying it for each of 40,000 VMs.
   */
  public static VmFact withHostFeatures(Vm vm, HostFact host) {
    boolean ownVendor = vm.cpuVendor() != null;
    return new VmFact(vm, host.getEffectiveFeatures(), ownVendor ? vm.cpuVendor() : host.getCpuVendor(), false, ownVendor);
  }

  private VmFact(Vm vm, Set<String> sortedUnmodifiableFeatures, String cpuVendor, boolean ownFeatures, boolean ownVendor) {
    this.context = VmContext.NONE;
    this.vm = vm;
    this.cpuFeatures = sortedUnmodifiableFeatures;
    this.cpuVendor = cpuVendor;
    this.ownFeatures = ownFeatures;
    this.ownVendor = ownVendor;
    this.datastores = Collections.unmodifiableSet(new TreeSet<>(vm.datastores()));
    Set<String> pgs = new TreeSet<>();
    for (VmNic n : vm.nics()) pgs.add(n.portGroup());
    this.portGroups = Collections.unmodifiableSet(pgs);
  }

  public Vm vm() {
    return vm;
  }

  /** The same VM under another name and host name: a stand-in when moves share one evaluation. */
  public VmFact renamed(String name, String host) {
    return new VmFact(vm.withNames(name, host), this);
  }

  /** The same VM with the DRS rules that cover it and vCenter's settings. */
  public VmFact withContext(VmContext newContext) {
    return new VmFact(vm, this, newContext);
  }

  public VmContext context() {
    return context;
  }

  /** Shares the derived sets of {@code same}, which only differs in names. */
  private VmFact(Vm vm, VmFact same) {
    this(vm, same, same.context);
  }

  private VmFact(Vm vm, VmFact same, VmContext context) {
    this.context = context;
    this.vm = vm;
    this.cpuFeatures = same.cpuFeatures;
    this.cpuVendor = same.cpuVendor;
    this.ownFeatures = same.ownFeatures;
    this.ownVendor = same.ownVendor;
    this.datastores = same.datastores;
    this.portGroups = same.portGroups;
  }

  public String getName() { return vm.name(); }
  public String getHost() { return vm.host(); }
  public String getPowerState() { return vm.powerState().json(); }
  public boolean isPoweredOn() { return vm.poweredOn(); }
  public int getHardwareVersion() { return vm.hardwareVersion(); }
  public String getGuestOs() { return vm.guestOs(); }
  public int getVcpus() { return vm.vcpus(); }
  public long getMemoryMb() { return vm.memoryMb(); }
  public long getCpuReservationMhz() { return vm.reservation().cpuMhz(); }
  public long getMemoryReservationMb() { return vm.reservation().memoryMb(); }
  /** The VM's cpuFeatures, else the features of its minRequiredEvcMode, else its current host's effective features. */
  public Set<String> getCpuFeatures() { return cpuFeatures; }
  /** The vendor of that requirement: the VM's cpuVendor, its EVC mode's vendor, or its host's. */
  public String getCpuVendor() { return cpuVendor; }
  /** The VM's minimum required EVC mode key, or null. */
  public String getMinRequiredEvcMode() { return vm.minRequiredEvcMode(); }
  /** Whether the CPU features are the VM's own rather than read off its current host. */
  public boolean hasOwnCpuRequirement() { return ownFeatures; }
  /** Whether the CPU vendor is the VM's own (given, or implied by its requirement) rather than its host's. */
  public boolean hasOwnCpuVendor() { return ownVendor; }
  public Set<String> getDatastores() { return datastores; }
  public Set<String> getPortGroups() { return portGroups; }
  /** The VM's devices of note (passthrough, SR-IOV, vGPU, ...), empty when the inventory lists none. */
  public List<VmDevice> getDevices() { return vm.devices(); }
  /** The types of the VM's devices, e.g. "sriov". */
  public Set<String> getDeviceTypes() {
    Set<String> types = new TreeSet<>();
    for (VmDevice d : vm.devices()) types.add(d.type());
    return types;
  }

  /**
   * The VM's devices of the given types, each as "name (type)", "name (type, profile p)" or the type alone when unnamed, so that
   * a rule can bind them all at once: {@code Names( size > 0 ) from $m.getVm().devicesOf(...)}.
   */
  public Names devicesOf(Collection<String> types) {
    TreeSet<String> out = new TreeSet<>();
    for (VmDevice d : vm.devices()) {
      if (!types.contains(d.type())) continue;
      String kind = d.profile() == null ? d.type() : d.type() + ", profile " + d.profile();
      out.add(d.name() == null ? kind : d.name() + " (" + kind + ")");
    }
    return new Names(out);
  }

  // ---- what vCenter checks beyond CPU, storage and network: devices, bus sharing, affinity, DRS rules, Fault Tolerance ----

  /** PCI passthrough, Dynamic DirectPath I/O and SR-IOV devices, as "name (type)". */
  public Names getPassthroughDevices() {
    return labels(d -> PASSTHROUGH.contains(d.type()), false);
  }

  /** The VM's vGPU devices, with their profiles and frame buffers. */
  public List<VmDevice> getVgpuDevices() {
    if (vm.devices().isEmpty()) return List.of();
    return vm.devices().stream().filter(d -> d.type().equals("vgpu")).toList();
  }

  /** Connected CD-ROM, floppy, USB, serial and parallel devices backed by a device of the host or of the console client. */
  public Names getHostBackedDevices() {
    return labels(d -> d.connected() && REMOVABLE.contains(d.type()) && ("host".equals(d.backing()) || "client".equals(d.backing())), true);
  }

  /** Connected serial and parallel ports backed by a file. */
  public Names getFileBackedPorts() {
    return labels(d -> d.connected() && PORTS.contains(d.type()) && "file".equals(d.backing()), false);
  }

  /** Connected CD-ROM and floppy drives with an image file on a datastore. */
  public List<VmDevice> getMountedImages() {
    if (vm.devices().isEmpty()) return List.of();
    return vm.devices().stream().filter(VmFact::mountsImage).toList();
  }

  /** The datastores of the images of connected CD-ROM and floppy drives. */
  public Set<String> getImageDatastores() {
    if (vm.devices().isEmpty()) return Set.of();
    Set<String> out = new TreeSet<>();
    for (VmDevice d : vm.devices()) if (mountsImage(d)) out.add(d.datastore());
    return out;
  }

  /** Of the VM's mounted images, those on a datastore not in {@code mounted}, as "name (type) on datastore". */
  public Names imagesMissingFrom(Collection<String> mounted) {
    if (vm.devices().isEmpty()) return NONE;
    TreeSet<String> out = new TreeSet<>();
    for (VmDevice d : getMountedImages()) if (!mounted.contains(d.datastore())) out.add(d.label() + " on datastore " + d.datastore());
    return new Names(out);
  }

  /** SCSI controllers that share their bus, as "name (virtual)" or "name (physical)". */
  public Names getSharedBusControllers() {
    if (vm.scsiControllers().isEmpty()) return NONE;
    TreeSet<String> out = new TreeSet<>();
    for (ScsiController c : vm.scsiControllers()) if (!c.busSharing().equals("none")) out.add(c.name() + " (" + c.busSharing() + " bus sharing)");
    return new Names(out);
  }

  /** The logical CPUs the VM is pinned to; empty without CPU affinity. */
  public List<Integer> getCpuAffinity() { return vm.cpuAffinity(); }
  /** The NUMA nodes the VM's memory is pinned to; empty without memory affinity. */
  public List<Integer> getMemoryAffinity() { return vm.memoryAffinity(); }
  /** The DRS VM-Host rules that cover the VM. */
  public List<VmHostRule> getVmHostRules() { return context.vmHostRules(); }
  /** The DRS VM-VM rules that cover the VM, with where the rules' other VMs run. */
  public List<VmVmRule> getVmVmRules() { return context.vmVmRules(); }
  /** vCenter's vgpu.hotmigrate.enabled. */
  public boolean isVgpuHotMigrate() { return context.vgpuHotMigrate(); }
  /** Whether the inventory marks vgpu.hotmigrate.enabled unknown. */
  public boolean isVgpuHotMigrateUnknown() { return context.vgpuHotMigrateUnknown(); }
  /** The host of the other VM of its Fault Tolerance pair, or null. */
  public String getFtPartnerHost() { return vm.ft() == null ? null : vm.ft().partnerHost(); }
  /** primary or secondary in a Fault Tolerance pair, or null. */
  public String getFtRole() { return vm.ft() == null ? null : vm.ft().role(); }

  private static final Set<String> PASSTHROUGH = Set.of("pci-passthrough", "dynamic-directpath", "sriov");
  private static final Set<String> REMOVABLE = Set.of("cdrom", "floppy", "usb", "serial", "parallel");
  private static final Set<String> PORTS = Set.of("serial", "parallel");

  private static boolean mountsImage(VmDevice d) {
    return d.connected() && (d.type().equals("cdrom") || d.type().equals("floppy")) && "datastore".equals(d.backing()) && d.datastore() != null;
  }

  /** Most VMs have no device of note: one shared empty set answers them without allocating. */
  private static final Names NONE = new Names(new TreeSet<>());

  private Names labels(java.util.function.Predicate<VmDevice> which, boolean withBacking) {
    if (vm.devices().isEmpty()) return NONE;
    TreeSet<String> out = new TreeSet<>();
    for (VmDevice d : vm.devices()) {
      if (!which.test(d)) continue;
      String kind = withBacking ? d.type() + ", " + d.backing() + " device" : d.type();
      out.add(d.name() == null ? kind : d.name() + " (" + kind + ")");
    }
    return new Names(out);
  }

  @Override
  public String toString() {
    return "VmFact[" + vm.name() + "]";
  }
}
