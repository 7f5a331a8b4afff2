package io.vmotion.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFoldersReadOnlyTheirOwnRuleFilesTest {

  @TempDir Path dir;

  private Path folder() throws IOException {
    Path f = dir.resolve("rules");
    Files.createDirectories(f.resolve("data"));
    Files.createDirectories(f.resolve("cases"));
    Files.writeString(f.resolve("a.drl"), "package x;\n");
    Files.writeString(f.resolve("data/facts.json"), "{}");
    Files.writeString(f.resolve("cases/one.case.json"), "{}");
    return f;
  }

  @Test
  void reads_drl_files_data_json_and_case_json_and_leaves_other_files_alone() throws Exception {
    Path f = folder();
    Files.writeString(f.resolve("README.md"), "notes");
    Files.write(f.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff});
    Files.writeString(f.resolve("data/notes.txt"), "x");
    assertThat(RuleSource.folder(f).files()).extracting(RuleFile::name)
        .containsExactly("a.drl", "cases/one.case.json", "data/facts.json");
  }

  @Test
  void a_link_that_leads_out_of_the_folder_is_refused_without_reading_it() throws Exception {
    Path f = folder();
    Path secret = Files.writeString(dir.resolve("secret.json"), "{\"password\": \"hunter2\"}");
    Files.createSymbolicLink(f.resolve("data/leak.json"), secret);
    assertThatThrownBy(() -> RuleSource.folder(f)).isInstanceOf(IOException.class)
        .hasMessageContaining("data/leak.json: a link to " + secret.toRealPath() + ", outside the rule folder")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void a_link_to_a_device_that_never_ends_is_refused_instead_of_read() throws Exception {
    Path f = folder();
    Files.createSymbolicLink(f.resolve("kmsg.drl"), Path.of("/proc/kmsg"));
    assertThatThrownBy(() -> RuleSource.folder(f)).isInstanceOf(IOException.class).hasMessageContaining("outside the rule folder");
  }

  @Test
  void a_link_within_the_folder_is_read() throws Exception {
    Path f = folder();
    Files.createSymbolicLink(f.resolve("b.drl"), f.resolve("a.drl"));
    assertThat(RuleSource.folder(f).files()).extracting(RuleFile::name).contains("a.drl", "b.drl");
  }

  @Test
  void a_rule_file_that_is_not_utf8_is_refused_by_name() throws Exception {
    Path f = folder();
    Files.write(f.resolve("latin1.drl"), new byte[] {'p', (byte) 0xe9, '\n'});
    assertThatThrownBy(() -> RuleSource.folder(f)).hasMessageContaining("latin1.drl: not UTF-8 text; save it as UTF-8");
  }
}
