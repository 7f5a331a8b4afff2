package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.testing.Fixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs a new user, an attacker or a CI system may give, run in-process: each gets exit 2 and a
 * message naming the place and the fix, or is handled as the docs say. Never a trace, a partial
 * report or a silently ignored part.
 */
class HostileInputTest {

  @TempDir Path dir;

  private Path file(String name, byte[] bytes) throws Exception {
    return Files.write(dir.resolve(name), bytes);
  }

  private Path file(String name, String text) throws Exception {
    return file(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static String valid() {
    return Fixture.twoHosts().json();
  }

  @ParameterizedTest(name = "a VM name with {0}")
  @CsvSource(delimiter = '|', value = {
      "a newline | vm\\nvmotion validate: OK | U+000A",
      "an escape | vm\\u001b[2J | U+001B",
      "a NUL | vm\\u0000 | U+0000",
      "a C1 control | vm\\u0085 | U+0085",
      "the internal name token | vm\\u0001 | U+0001",
      "a lone surrogate | vm\\ud800 | lone UTF-16 surrogate (U+D800)",
      "a noncharacter | vm\\ufffe | noncharacter U+FFFE"})
  void a_name_that_could_forge_a_report_is_refused_with_its_json_path(String what, String name, String said) throws Exception {
    Path inv = file("inv.json", valid().replace("\"vm1\"", "\"" + name + "\""));
    Cli r = Cli.run("validate", inv.toString());
    assertThat(r.code()).as(what).isEqualTo(2);
    assertThat(r.err()).as(what).contains("vms[0].name: contains ", said).doesNotContain("\u001b", "\tat ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void a_tab_in_a_name_is_taken_as_it_is() throws Exception {
    Path inv = file("inv.json", valid().replace("\"vm1\"", "\"vm\\tone\"").replace("\"vm\": \"vm1\"", "\"vm\": \"vm\\tone\""));
    assertThat(Cli.run("validate", inv.toString()).code()).isNotEqualTo(2);
  }

  @Test
  void data_after_the_json_value_is_refused_at_its_position() throws Exception {
    Path inv = file("inv.json", valid() + "\n" + valid());
    Cli r = Cli.run("validate", inv.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).containsPattern("inv\\.json:\\d+:\\d+: more data after the end of the JSON value; a file holds exactly one JSON document");
  }

  @Test
  void a_utf8_byte_order_mark_is_accepted() throws Exception {
    Path plain = file("plain.json", valid());
    Path bom = file("bom.json", ("\uFEFF" + valid()).getBytes(StandardCharsets.UTF_8));
    Cli a = Cli.run("validate", plain.toString(), "--format", "json");
    Cli b = Cli.run("validate", bom.toString(), "--format", "json");
    assertThat(b.code()).isEqualTo(a.code());
    assertThat(b.out().replace("bom.json", "plain.json")).isEqualTo(a.out());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "UTF-16 with a mark | utf16bom | is UTF-16 text",
      "UTF-16 without a mark | utf16 | is UTF-16 text",
      "UTF-32 | utf32 | is UTF-32 text; save it as UTF-8",
      "Latin-1 | latin1 | is not valid UTF-8 (byte ",
      "a legacy or encrypted Excel file | ole2 | password-protected or legacy (.xls) Excel file",
      "random binary | binary | is binary, not JSON text"})
  void an_input_in_another_encoding_or_format_is_named_with_the_fix(String what, String kind, String said) throws Exception {
    byte[] bytes = switch (kind) {
      case "utf16bom" -> ("\uFEFF" + valid()).getBytes(StandardCharsets.UTF_16BE);
      case "utf16" -> valid().getBytes(StandardCharsets.UTF_16LE);
      case "utf32" -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, valid().getBytes(java.nio.charset.Charset.forName("UTF-32LE")));
      case "latin1" -> valid().replace("vm1", "vm-\u00e9").getBytes(StandardCharsets.ISO_8859_1);
      case "ole2" -> concat(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1}, new byte[504]);
      default -> new java.util.Random(7).ints(4096, 0, 256).collect(ByteArrayOutputStream::new, (o, i) -> o.write(i), (x, y) -> {}).toByteArray();
    };
    Path p = file("input.json", bytes);
    Cli r = Cli.run("validate", p.toString());
    assertThat(r.code()).as(what).isEqualTo(2);
    assertThat(r.err()).as(what).contains(said).doesNotContain("Input length", "\tat ");
    assertThat(r.out()).isEmpty();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void json_errors_say_what_is_wrong_without_the_parser_s_settings() throws Exception {
    Path inv = file("inv.json", valid().replaceFirst("\"memoryMb\"\\s*:\\s*\\d+", "\"memoryMb\": NaN"));
    Cli r = Cli.run("validate", inv.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("malformed JSON").doesNotContain("JsonReadFeature", "ALLOW_", "`");
  }

  @Test
  void a_dash_reads_the_inventory_from_stdin() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    InputStream stdin = new ByteArrayInputStream(valid().getBytes(StandardCharsets.UTF_8));
    InputStream saved = System.in;
    int code;
    try {
      System.setIn(stdin);
      code = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
          .run("validate", "-", "--format", "json");
    } finally {
      System.setIn(saved);
    }
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isIn(0, 1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"pairs\" : 1");
  }

  @Test
  void a_pipe_is_read_whole_although_format_detection_reads_its_start_first() throws Exception {
    Path fifo = dir.resolve("pipe.json");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mk.waitFor()).isZero();
    Thread writer = new Thread(() -> {
      try {
        Files.writeString(fifo, valid());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writer.start();
    Cli r = Cli.run("validate", fifo.toString(), "--format", "json");
    writer.join();
    assertThat(r.code()).as(r.err()).isIn(0, 1);
    assertThat(r.out()).contains("\"pairs\" : 1");
  }

  @Test
  void an_empty_plan_checks_nothing_and_says_so() throws Exception {
    Path inv = file("inv.json", valid());
    Path plan = file("plan.json", "{\"migrations\": []}");
    Cli r = Cli.run("validate", inv.toString(), "--plan", plan.toString(), "--format", "json");
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("plan.json holds no moves; nothing was checked");
    assertThat(r.out()).contains("\"pairs\" : 0");
  }

  @Test
  void a_plan_step_onto_the_vm_s_own_host_is_a_warning_finding() throws Exception {
    Path inv = file("inv.json", valid());
    Path plan = file("plan.json", "{\"migrations\": [{\"vm\": \"vm1\", \"target\": \"h1\"}]}");
    Cli r = Cli.run("validate", inv.toString(), "--plan", plan.toString());
    assertThat(r.out()).contains("plan.no-op", "step 1 moves vm1 to h1, the host it is on at that point: nothing to migrate");
  }

  @Test
  void version_fail_on_none_and_a_repeated_option_behave_as_conventions_say() throws Exception {
    assertThat(Cli.run("--version").out()).matches("vmotion \\S+\\n");
    Path inv = file("inv.json", valid().replaceAll("\"enterprise-plus\"", "\"essentials\""));
    assertThat(Cli.run("validate", inv.toString()).code()).isEqualTo(1);
    assertThat(Cli.run("validate", inv.toString(), "--fail-on", "none").code()).isZero();
    Cli twice = Cli.run("validate", inv.toString(), "--format", "json", "--format", "text");
    assertThat(twice.code()).isEqualTo(2);
    assertThat(twice.err()).contains("--format is given more than once");
    assertThat(Cli.run("generate", "--help").out()).startsWith("usage: vmotion generate");
  }

  @Test
  void output_failures_are_said_in_words_and_a_written_report_is_announced() throws Exception {
    Path inv = file("inv.json", valid());
    Cli missing = Cli.run("validate", inv.toString(), "-o", dir.resolve("no/such/folder/r.json").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("the folder " + dir.resolve("no/such/folder") + " does not exist");
    Cli written = Cli.run("validate", inv.toString(), "--format", "json", "-o", dir.resolve("r.json").toString());
    assertThat(written.err()).containsPattern("wrote the json report to .*r\\.json: \\d+ errors, \\d+ warnings, \\d+ infos in \\d+ moves");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void plan_and_waiver_files_over_the_size_limit_are_refused_before_they_are_read() throws Exception {
    Path inv = file("inv.json", valid());
    Path big = dir.resolve("big.json");
    try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
      ch.position(io.vmotion.inventory.InputText.MAX_SMALL_FILE_BYTES + 1).write(java.nio.ByteBuffer.wrap(new byte[] {' '}));
    }
    for (String option : new String[] {"--plan", "--waivers"}) {
      Cli r = Cli.run("validate", inv.toString(), option, big.toString());
      assertThat(r.code()).as(option).isEqualTo(2);
      assertThat(r.err()).as(option).contains("big.json: is " + Files.size(big) + " bytes; files larger than");
    }
  }

  @Test
  void a_zip_bomb_workbook_is_refused_in_plain_words() throws Exception {
    Path bomb = dir.resolve("bomb.xlsx");
    try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(bomb))) {
      for (String entry : new String[] {"[Content_Types].xml", "xl/workbook.xml"}) {
        zip.putNextEntry(new java.util.zip.ZipEntry(entry));
        byte[] spaces = new byte[1 << 20];
        java.util.Arrays.fill(spaces, (byte) ' ');
        for (int i = 0; i < 64; i++) zip.write(spaces);
        zip.closeEntry();
      }
    }
    Cli r = Cli.run("validate", bomb.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("bomb.xlsx: cannot be opened as an Excel workbook: it expands far more than a real export does")
        .doesNotContain("ZipSecureFile", "\tat ");
  }
}
