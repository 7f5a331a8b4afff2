package io.vmotion.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GlobTest {

  /** Every string over {@code alphabet} up to {@code max} characters. */
  private static List<String> all(String alphabet, int max) {
    List<String> out = new ArrayList<>(List.of(""));
    List<String> layer = List.of("");
    for (int n = 1; n <= max; n++) {
      List<String> next = new ArrayList<>();
      for (String s : layer) for (char c : alphabet.toCharArray()) next.add(s + c);
      out.addAll(next);
      layer = next;
    }
    return out;
  }

  private static boolean byRegex(String glob, String s) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    return Pattern.compile(re.toString()).matcher(s).matches();
  }

  @Test
  void matches_exactly_what_the_equivalent_regex_matches_on_every_small_glob_and_text() {
    List<String> globs = all("ab?*", 5);
    List<String> texts = all("ab", 6);
    int checked = 0;
    for (String g : globs) {
      Glob glob = Glob.of(g);
      for (String t : texts) {
        assertThat(glob.matches(t)).as("glob %s on %s", g, t).isEqualTo(byRegex(g, t));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(globs.size() * texts.size());
  }

  @Test
  void a_glob_built_to_make_a_backtracking_matcher_explode_is_decided() {
    String text = "a".repeat(20_000);
    assertThat(Glob.of("*a*a*a*a*a*a*a*a*a*a*a*a*b").matches(text)).isFalse();
    assertThat(Glob.of("*a*a*a*a*a*a*a*a*a*a*a*a*").matches(text)).isTrue();
  }

  @Test
  void only_stars_match_everything() {
    assertThat(Glob.of("*").matchesEverything()).isTrue();
    assertThat(Glob.of("**").matchesEverything()).isTrue();
    assertThat(Glob.of("*.*").matchesEverything()).isFalse();
    assertThat(Glob.of("").matchesEverything()).isFalse();
  }
}
