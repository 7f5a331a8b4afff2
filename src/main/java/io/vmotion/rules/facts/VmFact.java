package io.vmotion.rules.facts;

import io.vmotion.inventory.Vm;
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

  /** Shares the derived sets of {@code same}, which only differs in names. */
  private VmFact(Vm vm, VmFact same) {
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

  @Override
  public String toString() {
    return "VmFact[" + vm.name() + "]";
  }
}
