package io.vmotion.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * A small inventory to bend one field at a time: two identical connected hosts h1 and h2 in one
 * cluster, and one powered-on VM on h1 that can move to h2 with no finding.
 */
public final class Fixture {

  public static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode root;

  private Fixture(ObjectNode root) {
    this.root = root;
  }

  public static Fixture twoHosts() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode hosts = root.putArray("hosts");
    hosts.add(host("h1"));
    hosts.add(host("h2"));
    ArrayNode vms = root.putArray("vms");
    ObjectNode vm = vms.addObject();
    vm.put("name", "vm1").put("host", "h1").put("powerState", "poweredOn").put("hardwareVersion", 19)
        .put("guestOs", "rhel9_64Guest").put("vcpus", 4).put("memoryMb", 8192);
    vm.putArray("datastores").add("ds1");
    vm.putArray("nics").addObject().put("portGroup", "pg-app").put("mac", "00:50:56:00:00:01");
    return new Fixture(root);
  }

  private static ObjectNode host(String name) {
    ObjectNode h = JSON.createObjectNode();
    h.put("name", name).put("cluster", "c1").put("version", "8.0.2").put("license", "enterprise-plus");
    ObjectNode cpu = h.putObject("cpu");
    cpu.put("vendor", "intel").put("family", 6).put("model", 85).put("cores", 16).put("threads", 32).put("mhz", 2500);
    ArrayNode f = cpu.putArray("features");
    for (String s : new String[] {"sse2", "sse4_2", "aes", "avx", "avx2", "nx", "vmx"}) f.add(s);
    cpu.putArray("biosDisabled");
    h.put("memoryMb", 262144);
    h.putArray("vmotionNics").addObject().put("name", "vmk1").put("speedMbps", 10000).put("mtu", 9000);
    h.putArray("datastores").add("ds1");
    h.putArray("portGroups").add("pg-app");
    return h;
  }

  public ObjectNode host(int i) {
    return (ObjectNode) root.withArray("hosts").get(i);
  }

  public ObjectNode vm(int i) {
    return (ObjectNode) root.withArray("vms").get(i);
  }

  public ObjectNode root() {
    return root;
  }

  public Fixture with(Consumer<Fixture> change) {
    change.accept(this);
    return this;
  }

  /** Adds a copy of vm1 under a new name on the given host. */
  public ObjectNode addVm(String name, String host) {
    ObjectNode copy = vm(0).deepCopy();
    copy.put("name", name).put("host", host);
    root.withArray("vms").add(copy);
    return copy;
  }

  public String json() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static ArrayNode strings(String... values) {
    ArrayNode a = JSON.createArrayNode();
    for (String v : values) a.add(v);
    return a;
  }
}
