package io.vmotion.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vmotion.testing.Fixture;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The documented schema and the reader agree: what one accepts, the other does. */
class InventorySchemaTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
      .getSchema(Path.of("docs/inventory.schema.json").toUri());

  @ParameterizedTest
  @ValueSource(strings = {"examples/datacenter.json", "examples/clean.json", "examples/rules/passthrough/inventory.json"})
  void the_examples_are_valid_against_the_schema(String file) throws Exception {
    assertThat(SCHEMA.validate(JSON.readTree(Path.of(file).toFile()))).isEmpty();
  }

  @Test
  void the_schema_refuses_what_the_reader_refuses() throws Exception {
    for (Fixture f : new Fixture[] {
        Fixture.twoHosts().with(x -> x.vm(0).put("memoryMB", 1)),
        Fixture.twoHosts().with(x -> x.vm(0).put("powerState", "running")),
        Fixture.twoHosts().with(x -> x.host(0).remove("license")),
        Fixture.twoHosts().with(x -> x.vm(0).put("memoryMb", -1)),
        Fixture.twoHosts().with(x -> x.vm(0).putArray("devices").addObject().put("type", "sr-iov")),
        Fixture.twoHosts().with(x -> x.vm(0).putArray("devices").addObject().put("name", "no type"))}) {
      Set<ValidationMessage> messages = SCHEMA.validate(JSON.readTree(f.json()));
      assertThat(messages).as(f.json()).isNotEmpty();
    }
    JsonNode ok = JSON.readTree(Fixture.twoHosts().json());
    assertThat(SCHEMA.validate(ok)).isEmpty();
  }
}
