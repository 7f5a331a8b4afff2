package io.vmotion.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facts behind the rules are read as strictly as inventories: nothing misspelt is ignored. */
class RuleDataTest {

  @Test
  void a_misspelt_field_in_a_data_file_is_refused_at_its_line_with_the_known_name(@TempDir Path dir) throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    String editions = Files.readString(Path.of("rules/data/editions.json")).replaceFirst("\"vmotion\": false", "\"vmotoin\": false");
    Files.writeString(data.resolve("editions.json"), editions);
    RuleBuildException e = catchThrowableOfType(RuleBuildException.class,
        () -> RuleBase.build(List.of(RuleSource.builtin(), RuleSource.folder(dir))));
    assertThat(e).isNotNull();
    assertThat(e.render())
        .containsPattern("editions\\.json:\\d+:\\d+: editions\\[0\\]\\.vmotoin: unknown field; did you mean \"vmotion\"\\?")
        .contains("editions[0].vmotion: required field is missing");
  }

  @Test
  void the_built_in_data_files_hold_only_known_fields() {
    // Rules.folder() fails on any build problem, data files included.
    assertThat(Rules.folder().data().evcModes()).isNotEmpty();
  }
}
