package io.vmotion.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vmotion.rules.facts.VmFact;
import io.vmotion.testing.Fixture;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VmDevicesTest {

  final InventoryReader reader = new InventoryReader(Set.of());

  @Test
  void devices_are_optional_and_absent_means_none() throws Exception {
    assertThat(reader.read("inv.json", Fixture.twoHosts().json()).vms().get(0).devices()).isEmpty();
  }

  @Test
  void passthrough_sriov_and_vgpu_devices_are_read_with_their_name_and_profile() throws Exception {
    String json = Fixture.twoHosts().with(f -> {
      ArrayNode d = f.vm(0).putArray("devices");
      d.addObject().put("type", "pci-passthrough").put("name", "PCI device 0");
      d.addObject().put("type", "sriov");
      d.addObject().put("type", "vgpu").put("name", "PCI device 1").put("profile", "grid_a100-8c");
    }).json();
    Vm vm = reader.read("inv.json", json).vms().get(0);
    assertThat(vm.devices()).containsExactly(
        new VmDevice("pci-passthrough", "PCI device 0", null), new VmDevice("sriov", null, null), new VmDevice("vgpu", "PCI device 1", "grid_a100-8c"));
    VmFact fact = new VmFact(vm, Set.of(), "intel");
    assertThat(fact.getDeviceTypes()).containsExactly("pci-passthrough", "sriov", "vgpu");
    assertThat(fact.devicesOf(List.of("sriov", "vgpu")).toString()).isEqualTo("PCI device 1 (vgpu, profile grid_a100-8c), sriov");
  }

  @Test
  void an_unknown_device_type_lists_the_accepted_ones_and_an_unknown_field_is_refused() {
    String json = Fixture.twoHosts().with(f -> {
      ArrayNode d = f.vm(0).putArray("devices");
      d.addObject().put("type", "sr-iov");
      d.addObject().put("type", "usb").put("label", "x");
    }).json();
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> reader.read("inv.json", json));
    assertThat(e.render()).contains("vms[0].devices[0].type: unknown value \"sr-iov\"; accepted values: " + String.join(", ", VmDevice.TYPES)
        + " (did you mean \"sriov\"?)");
    assertThat(e.render()).contains("vms[0].devices[1].label: unknown field");
  }

  @Test
  void the_former_vm_constructor_still_builds_a_vm_without_devices() {
    Vm vm = new Vm("v", "h", PowerState.POWERED_ON, 19, "g", 1, 1, Reservation.NONE, List.of(), List.of(), Optional.empty());
    assertThat(vm.devices()).isEmpty();
  }
}
