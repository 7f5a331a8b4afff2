package io.vmotion.inventory.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.inventory.InventoryReader;
import org.junit.jupiter.api.Test;

class LicenseEditionsTest {

  @Test
  void edition_keys_map_to_inventory_licenses() {
    assertThat(LicenseEditions.edition("esx.enterprisePlus.cpuPackage", null, null, false)).isEqualTo("enterprise-plus");
    assertThat(LicenseEditions.edition("esx.enterprisePlus.cpuPackageCoreLimited", null, null, false)).isEqualTo("enterprise-plus");
    assertThat(LicenseEditions.edition("esx.enterprise.cpuPackage", null, null, false)).isEqualTo("enterprise");
    assertThat(LicenseEditions.edition("esx.standard.cpuPackage", null, null, false)).isEqualTo("standard");
    assertThat(LicenseEditions.edition("esx.essentialsPlus.cpuPackage", null, null, false)).isEqualTo("essentials-plus");
    assertThat(LicenseEditions.edition("esx.essentials.cpuPackage", null, null, false)).isEqualTo("essentials");
    assertThat(LicenseEditions.edition("esx.hypervisor.cpuPackage", null, null, false)).isEqualTo("free");
    assertThat(LicenseEditions.edition("esxBasic", "VMware vSphere Hypervisor", null, false)).isEqualTo("free");
    assertThat(LicenseEditions.edition("esx.vcf.entitlement.cpuCoreMin", "VMware Cloud Foundation (cores)", null, false)).isEqualTo("vcf");
    assertThat(LicenseEditions.edition("esx.vcf.cpuCoreMin", null, null, false)).isEqualTo("vcf");
    assertThat(LicenseEditions.edition("esx.vvf.cpuCoreMin", null, null, false)).isEqualTo("vsphere-foundation");
    assertThat(LicenseEditions.edition("eval", "Evaluation Mode", null, false)).isEqualTo("evaluation");
  }

  @Test
  void an_evaluation_license_is_evaluation_whatever_product_it_evaluates() {
    assertThat(LicenseEditions.edition("eval", "Evaluation Mode", "VMware vSphere 7 Enterprise Plus with Add-on for Kubernetes", true))
        .isEqualTo("evaluation");
  }

  @Test
  void licenses_of_other_products_are_no_host_edition_even_when_their_name_says_vsphere() {
    assertThat(LicenseEditions.edition("vc.standard.instance", "VMware vCenter Server 8 Standard", null, true)).isNull();
    assertThat(LicenseEditions.edition("vsan.enterprise.cpuPackageCoreLimited", "VMware vSAN Enterprise", null, true)).isNull();
    assertThat(LicenseEditions.fromName("VMware vSAN Enterprise")).isNull();
    assertThat(LicenseEditions.fromName("VMware vCenter Server 8 Standard")).isNull();
  }

  @Test
  void names_map_by_their_words_when_the_edition_key_says_nothing() {
    assertThat(LicenseEditions.fromName("VMware vSphere 8 Enterprise Plus")).isEqualTo("enterprise-plus");
    assertThat(LicenseEditions.fromName("VMware vSphere 7 Enterprise Plus")).isEqualTo("enterprise-plus");
    assertThat(LicenseEditions.fromName("VMware vSphere 6 Enterprise")).isEqualTo("enterprise");
    assertThat(LicenseEditions.fromName("VMware vSphere 8 Standard")).isEqualTo("standard");
    assertThat(LicenseEditions.fromName("VMware vSphere 7 Essentials Plus")).isEqualTo("essentials-plus");
    assertThat(LicenseEditions.fromName("VMware vSphere 6 Essentials")).isEqualTo("essentials");
    assertThat(LicenseEditions.fromName("VMware vSphere Foundation")).isEqualTo("vsphere-foundation");
    assertThat(LicenseEditions.fromName("VMware Cloud Foundation 5")).isEqualTo("vcf");
    assertThat(LicenseEditions.fromName("Evaluation Mode")).isEqualTo("evaluation");
    assertThat(LicenseEditions.fromName("VMware vSphere Hypervisor")).isEqualTo("free");
    assertThat(LicenseEditions.fromName("VMware vSphere 7 Remote Office Branch Office Advanced")).isEqualTo("standard");
    assertThat(LicenseEditions.fromName("VMware vSphere Desktop")).isEqualTo("enterprise-plus");
    // An unknown edition key falls back to the name.
    assertThat(LicenseEditions.edition("esx.somethingNew.cpuCore", "VMware vSphere 8 Standard", null, false)).isEqualTo("standard");
  }

  @Test
  void a_bare_edition_name_is_a_host_edition_only_where_the_license_is_known_to_be_an_esx_one() {
    assertThat(LicenseEditions.fromName("Essentials Plus")).isNull();
    assertThat(LicenseEditions.edition(null, "Essentials Plus", null, true)).isEqualTo("essentials-plus");
    assertThat(LicenseEditions.edition(null, "Essentials", "VMware ESX Server", false)).isEqualTo("essentials");
    assertThat(LicenseEditions.edition("esx.unknown.cpuPackage", "Standard", null, false)).isEqualTo("standard");
  }

  @Test
  void every_edition_it_returns_is_one_the_inventory_reader_accepts() {
    String[] keys = {"esx.enterprisePlus.cpuPackage", "esx.enterprise.x", "esx.standard.x", "esx.essentialsPlus.x", "esx.essentials.x",
        "esx.hypervisor.x", "esx.vcf.x", "esx.vvf.x", "eval", "esx.desktop.vm", "esx.robo.vm"};
    for (String k : keys) assertThat(InventoryReader.LICENSES).contains(LicenseEditions.edition(k, null, null, false));
  }
}
