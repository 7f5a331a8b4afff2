package io.vmotion.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Generates the protocol's Mermaid state diagram from the model itself: it explores every reachable
 * state of the correct protocol with every fault on and no reduction, at small bounds, and projects each transition
 * onto the source's phase, the destination's phase, the storage lock and the switch's port. An edge
 * appears exactly when some reachable transition of that kind changes that actor's phase, so the
 * diagram cannot drift from the code.
 *
 * <p>{@code main} prints the diagram, or with {@code --update FILE} rewrites the block between the
 * marker comments in that file.
 */
public final class Diagram {
  public static final String BEGIN_MARKER = "<!-- BEGIN GENERATED DIAGRAM (io.vmotion.protocol.Diagram) -->";
  public static final String END_MARKER = "<!-- END GENERATED DIAGRAM -->";

  /** Small enough to explore in well under a second, large enough to reach every phase and every kind of transition. */
  static final Bounds DIAGRAM_BOUNDS = new Bounds(2, 1, 2, 0, 1, 1, 2);

  private Diagram() {
  }

  /** The Mermaid source, without the surrounding code fence. */
  public static String mermaid() {
    // Without reductions: the diagram shows the protocol's own steps, not the shortcuts of a reduction.
    MigrationModel model = new MigrationModel(new MigrationConfig(DIAGRAM_BOUNDS, EnumSet.allOf(Fault.class),
        Variant.CORRECT, EnumSet.noneOf(Reduction.class)));
    Projection source = new Projection("source", "Source host", s -> s.sourcePhase().name());
    Projection lock = new Projection("lock", "Shared storage: VM lock", s -> s.lock().name());
    Projection destination = new Projection("destination", "Destination host",
        s -> s.destinationPhase().name());
    Projection network = new Projection("switch", "Physical switch: port of the VM's MAC",
        s -> s.switchForwardsToDestination() ? "DESTINATION_PORT" : "SOURCE_PORT");
    List<Projection> projections = List.of(source, lock, destination, network);

    MigrationState initial = model.initialStates().get(0);
    Set<ByteBuffer> seen = new HashSet<>();
    ArrayDeque<MigrationState> queue = new ArrayDeque<>();
    seen.add(ByteBuffer.wrap(model.encode(initial)));
    queue.add(initial);
    projections.forEach(p -> p.initial = p.phaseOf.apply(initial));
    while (!queue.isEmpty()) {
      MigrationState state = queue.poll();
      if (model.isTerminal(state)) {
        projections.forEach(p -> p.finals.add(p.phaseOf.apply(state)));
        continue;
      }
      model.steps(state, (step, label, next) -> {
        projections.forEach(p -> p.record(state, step, next));
        if (seen.add(ByteBuffer.wrap(model.encode(next)))) {
          queue.add(next);
        }
      });
    }

    StringBuilder out = new StringBuilder("stateDiagram-v2\n");
    for (Projection p : projections) {
      p.render(out);
    }
    return out.toString();
  }

  /** The diagram as it appears in the spec: fenced, between the markers. */
  public static String markedBlock() {
    return BEGIN_MARKER + "\n```mermaid\n" + mermaid() + "```\n" + END_MARKER;
  }

  /** Returns {@code document} with the block between the markers replaced by a fresh diagram. */
  public static String replaceBlock(String document) {
    int begin = document.indexOf(BEGIN_MARKER);
    int end = document.indexOf(END_MARKER);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("the document has no generated-diagram markers");
    }
    return document.substring(0, begin) + markedBlock() + document.substring(end + END_MARKER.length());
  }

  /** Extracts the block between (and including) the markers, or null if absent. */
  public static String extractBlock(String document) {
    int begin = document.indexOf(BEGIN_MARKER);
    int end = document.indexOf(END_MARKER);
    if (begin < 0 || end < begin) {
      return null;
    }
    return document.substring(begin, end + END_MARKER.length());
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 2 && args[0].equals("--update")) {
      Path file = Path.of(args[1]);
      String updated = replaceBlock(Files.readString(file, StandardCharsets.UTF_8));
      Files.writeString(file, updated, StandardCharsets.UTF_8);
      return;
    }
    System.out.print(mermaid());
  }

  /** One actor's phase machine, collected from the projected transitions. */
  private static final class Projection {
    final String id;
    final String title;
    final Function<MigrationState, String> phaseOf;
    final Set<String> edges = new TreeSet<>();
    final Set<String> phases = new TreeSet<>();
    final Set<String> finals = new TreeSet<>();
    String initial;

    Projection(String id, String title, Function<MigrationState, String> phaseOf) {
      this.id = id;
      this.title = title;
      this.phaseOf = phaseOf;
    }

    void record(MigrationState from, Step step, MigrationState to) {
      String a = phaseOf.apply(from);
      String b = phaseOf.apply(to);
      phases.add(a);
      phases.add(b);
      if (!a.equals(b)) {
        edges.add(node(a) + " --> " + node(b) + " : " + step.label());
      }
    }

    String node(String phase) {
      return id + "_" + phase;
    }

    void render(StringBuilder out) {
      out.append("    state \"").append(title).append("\" as ").append(id).append(" {\n");
      out.append("        [*] --> ").append(node(initial)).append('\n');
      for (String phase : phases) {
        out.append("        ").append(node(phase)).append(" : ").append(describe(phase)).append('\n');
      }
      for (String edge : edges) {
        out.append("        ").append(edge).append('\n');
      }
      for (String phase : finals) {
        out.append("        ").append(node(phase)).append(" --> [*]\n");
      }
      out.append("    }\n");
    }

    private String describe(String phase) {
      return switch (id) {
        case "source" -> SourcePhase.valueOf(phase).label();
        case "lock" -> LockState.valueOf(phase).label();
        case "switch" -> phase.equals("SOURCE_PORT") ? "forwards to the source" : "forwards to the destination";
        default -> DestinationPhase.valueOf(phase).label();
      };
    }
  }
}
