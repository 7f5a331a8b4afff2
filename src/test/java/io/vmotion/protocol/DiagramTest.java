package io.vmotion.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DiagramTest {
  private static final Path SPEC = Path.of("spec", "migration-protocol.md");

  @Test
  void the_diagram_committed_in_the_spec_is_the_one_the_model_generates() throws IOException {
    String committed = Diagram.extractBlock(Files.readString(SPEC, StandardCharsets.UTF_8));

    assertThat(committed).as("generated-diagram markers in " + SPEC).isNotNull();
    assertThat(committed)
        .as("regenerate with: java -cp target/classes io.vmotion.protocol.Diagram --update " + SPEC)
        .isEqualTo(Diagram.markedBlock());
  }

  @Test
  void the_diagram_shows_every_phase_of_every_actor() {
    String mermaid = Diagram.mermaid();

    for (SourcePhase phase : SourcePhase.values()) {
      assertThat(mermaid).contains("source_" + phase.name() + " : " + phase.label());
    }
    for (DestinationPhase phase : DestinationPhase.values()) {
      assertThat(mermaid).contains("destination_" + phase.name() + " : " + phase.label());
    }
    for (LockState lock : LockState.values()) {
      assertThat(mermaid).contains("lock_" + lock.name() + " : " + lock.label());
    }
    assertThat(mermaid).contains("switch_SOURCE_PORT --> switch_DESTINATION_PORT : " + Step.ANNOUNCE.label());
    // Only an announcement moves the switch, and nothing ever moves it back.
    assertThat(mermaid).doesNotContain("switch_DESTINATION_PORT --> switch_SOURCE_PORT");
    assertThat(mermaid).startsWith("stateDiagram-v2\n")
        .contains("lock_OFFERED --> lock_DESTINATION_COMMITTED : " + Step.COMMIT.label())
        .contains("lock_DESTINATION_COMMITTED --> lock_DESTINATION_RUNNING : " + Step.RESUME.label())
        .contains("lock_DESTINATION_COMMITTED --> lock_SOURCE_HELD : " + Step.BREAK_LEASE.label())
        .contains("source_RESUMED --> source_PRECOPY : " + Step.RETRY.label());
    // Nothing takes the lock from a destination that runs the VM.
    assertThat(mermaid).doesNotContain("lock_DESTINATION_RUNNING --> lock_");
  }

  @Test
  void regenerating_replaces_only_the_marked_block() {
    String document = "before\n" + Diagram.BEGIN_MARKER + "\nstale\n" + Diagram.END_MARKER + "\nafter\n";

    String updated = Diagram.replaceBlock(document);

    assertThat(updated).startsWith("before\n").endsWith("\nafter\n");
    assertThat(Diagram.extractBlock(updated)).isEqualTo(Diagram.markedBlock());
  }

  @Test
  void generating_twice_gives_the_same_text() {
    assertThat(Diagram.mermaid()).isEqualTo(Diagram.mermaid());
  }
}
