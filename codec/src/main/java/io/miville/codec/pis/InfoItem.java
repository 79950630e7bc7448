package io.miville.codec.pis;

import java.util.List;
import java.util.Optional;

/**
 * One condition a proxy reports in the {@code Info} header (draft-pis-00 §2.1, §2.5): a flag
 * such as {@code No-Paper} or {@code Malodor}, or a free item such as {@code Temperature 110F},
 * which reads as a {@link #label()} ({@code Temperature}) and a {@link #detail()} ({@code 110F}).
 */
public final class InfoItem extends PisTerm<InfoItem> {
  private static final Vocabulary<InfoItem> VOCABULARY = Vocabulary.phrases();

  // §2.1, the 200 Proxy Available example
  public static final InfoItem RESOURCES_LOW = known("Resources-low");
  public static final InfoItem NO_SHIELD = known("No-Shield");
  public static final InfoItem NO_PAPER = known("No-Paper");
  /** §2.5: a user agent MAY answer it with FRESHEN. */
  public static final InfoItem MALODOR = known("Malodor");
  public static final InfoItem PREVIOUS_TRANSACTION_NOT_CLEARED = known("Previous-transaction-not-cleared");
  public static final InfoItem PREVIOUS_TRANSACTION_CLEARING = known("Previous-transaction-clearing");
  public static final InfoItem OVERFLOWED = known("Overflowed");
  public static final InfoItem PLUGGED = known("Plugged");
  public static final InfoItem LOCK_NOT_FUNCTIONAL = known("Lock-not-functional");
  public static final InfoItem BLUE_WATER = known("Blue-water");
  public static final InfoItem CLEAR_WATER = known("Clear-water");
  public static final InfoItem GREEN_WATER = known("Green-Water");
  // §2.5, the 300 Fail answer to FRESHEN
  public static final InfoItem REEKING_STENCH = known("Reeking-Stench");
  public static final InfoItem VENTILATION_NOT_ADEQUATE = known("Ventilation-Not-Adequate");

  private InfoItem(String name, boolean known) {
    super(name, known, null);
  }

  private static InfoItem known(String name) {
    return VOCABULARY.add(new InfoItem(name, true));
  }

  /** The item spelled {@code text} (flags in any case); free items are kept as written. */
  public static InfoItem of(String text) {
    return VOCABULARY.of(text, n -> new InfoItem(n, false));
  }

  /** The flags draft-pis-00 names, in its order. */
  public static List<InfoItem> knownValues() {
    return VOCABULARY.knownValues();
  }

  /** The first word: the whole flag, or {@code Temperature} of {@code Temperature 110F}. */
  public String label() {
    int sp = firstBlank();
    return sp < 0 ? name() : name().substring(0, sp);
  }

  /** What follows the first word, if anything: {@code 110F} of {@code Temperature 110F}. */
  public Optional<String> detail() {
    int sp = firstBlank();
    return sp < 0 ? Optional.empty() : Optional.of(name().substring(sp + 1).strip());
  }

  /** True for a smell that FRESHEN is meant to mask (§2.5): Malodor or Reeking-Stench. */
  public boolean callsForFreshen() {
    return equals(MALODOR) || equals(REEKING_STENCH);
  }

  private int firstBlank() {
    String n = name();
    for (int i = 0; i < n.length(); i++) {
      if (n.charAt(i) == ' ' || n.charAt(i) == '\t') {
        return i;
      }
    }
    return -1;
  }
}
